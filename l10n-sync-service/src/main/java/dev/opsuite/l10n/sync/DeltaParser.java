package dev.opsuite.l10n.sync;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.l10n.domain.EntryStatus;
import dev.opsuite.l10n.domain.Texts;
import dev.opsuite.l10n.entries.BaseVersions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Parses a chunk's NDJSON (lines split on \n only: U+2028/U+2029 inside texts are text) into entry
 * deltas: {entry_uid?, language_file_uid, key, base_version, changes{dst_text?, status?, src_text?}, ts}.
 */
public final class DeltaParser {
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> FIELDS =
            Set.of("entry_uid", "language_file_uid", "key", "base_version", "changes", "ts");
    private static final Set<String> CHANGE_FIELDS = Set.of("dst_text", "status", "src_text");

    private DeltaParser() {}

    public static List<EntryDelta> parse(byte[] body) {
        List<EntryDelta> out = new ArrayList<>();
        int start = 0;
        int line = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                line++;
                if (i > start && !(i - start == 1 && body[start] == '\r')) {
                    out.add(parseLine(new String(body, start, i - start, StandardCharsets.UTF_8), line));
                }
                start = i + 1;
            }
        }
        if (out.isEmpty()) {
            throw invalid(0, "the chunk holds no deltas");
        }
        return out;
    }

    static EntryDelta parseLine(String text, int line) {
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (IOException e) {
            throw invalid(line, "not valid JSON");
        }
        if (n == null || !n.isObject()) {
            throw invalid(line, "not a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw invalid(line, "unknown field " + f);
            }
        }
        JsonNode changes = n.get("changes");
        if (changes == null || !changes.isObject()) {
            throw invalid(line, "changes must be an object");
        }
        for (Iterator<String> it = changes.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!CHANGE_FIELDS.contains(f)) {
                throw invalid(line, "unknown change " + f);
            }
        }
        try {
            String status = optionalText(changes, "status", line, false);
            if (status != null) {
                status = EntryStatus.parseOptional("changes.status", status).wire();
            }
            return new EntryDelta(
                    optionalText(n, "entry_uid", line, false),
                    requiredText(n, "language_file_uid", line),
                    requiredText(n, "key", line),
                    BaseVersions.parse("base_version", n.get("base_version")),
                    changes.has("src_text"),
                    optionalText(changes, "src_text", line, true),
                    changes.has("dst_text"),
                    optionalText(changes, "dst_text", line, true),
                    status,
                    optionalText(n, "ts", line, false));
        } catch (ApiException e) {
            throw invalid(line, e.getMessage());
        }
    }

    private static String requiredText(JsonNode n, String field, int line) {
        String v = optionalText(n, field, line, false);
        if (v == null || v.isEmpty()) {
            throw invalid(line, field + " is required");
        }
        return v;
    }

    private static String optionalText(JsonNode n, String field, int line, boolean nullable) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw invalid(line, field + " must be a string" + (nullable ? " or null" : ""));
        }
        String problem = Texts.problem(v.asText());
        if (problem != null) {
            throw invalid(line, field + " " + problem);
        }
        return v.asText();
    }

    static ApiException invalid(int line, String problem) {
        return ApiException.unprocessable("invalid_chunk", "Chunk line " + line + ": " + problem)
                .withDetail("line", line)
                .withDetail("problem", problem);
    }
}
