package dev.opsuite.l10n.sync;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.l10n.domain.EntryStatus;
import dev.opsuite.l10n.domain.Texts;
import dev.opsuite.l10n.entries.BaseVersions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a chunk's NDJSON (lines split on \n only: U+2028/U+2029 inside texts are text) into entry
 * deltas: {entry_uid?, language_file_uid, key, base_version, changes{dst_text?, status?, src_text?}, ts}.
 */
public final class DeltaParser {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private DeltaParser() {}

    public static List<EntryDelta> parse(byte[] body) {
        List<EntryDelta> out = new ArrayList<>();
        int start = 0;
        int line = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                line++;
                if (i > start && !(i - start == 1 && body[start] == '\r')) {
                    out.add(parseLine(body, start, i - start, line));
                }
                start = i + 1;
            }
        }
        if (out.isEmpty()) {
            throw invalid(0, "the chunk holds no deltas");
        }
        return out;
    }

    /** One line, read as a token stream straight from the chunk's bytes (a chunk holds tens of thousands). */
    static EntryDelta parseLine(byte[] body, int offset, int length, int line) {
        try (JsonParser p = JSON.createParser(body, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw invalid(line, "not a JSON object");
            }
            String entryUid = null;
            String file = null;
            String key = null;
            String ts = null;
            Long baseVersion = null;
            Changes changes = null;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "entry_uid" -> entryUid = text(p, value, field, line, false);
                    case "language_file_uid" -> file = text(p, value, field, line, false);
                    case "key" -> key = text(p, value, field, line, false);
                    case "ts" -> ts = text(p, value, field, line, false);
                    case "base_version" -> baseVersion = baseVersion(p, value, line);
                    case "changes" -> changes = changes(p, value, line);
                    default -> throw invalid(line, "unknown field " + field);
                }
            }
            if (p.nextToken() != null) {
                throw invalid(line, "not valid JSON (more after the object)");
            }
            if (changes == null) {
                throw invalid(line, "changes must be an object");
            }
            return new EntryDelta(
                    entryUid,
                    required(file, "language_file_uid", line),
                    required(key, "key", line),
                    baseVersion,
                    changes.srcGiven,
                    changes.src,
                    changes.dstGiven,
                    changes.dst,
                    changes.status,
                    ts);
        } catch (IOException e) {
            throw invalid(line, "not valid JSON");
        }
    }

    private static final class Changes {
        boolean srcGiven;
        String src;
        boolean dstGiven;
        String dst;
        String status;
    }

    private static Changes changes(JsonParser p, JsonToken value, int line) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            throw invalid(line, "changes must be an object");
        }
        Changes c = new Changes();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "src_text" -> {
                    c.srcGiven = true;
                    c.src = text(p, v, field, line, true);
                }
                case "dst_text" -> {
                    c.dstGiven = true;
                    c.dst = text(p, v, field, line, true);
                }
                case "status" -> {
                    String status = text(p, v, field, line, false);
                    try {
                        c.status = status == null
                                ? null
                                : EntryStatus.parseOptional("changes.status", status)
                                        .wire();
                    } catch (ApiException e) {
                        throw invalid(line, e.getMessage());
                    }
                }
                default -> throw invalid(line, "unknown change " + field);
            }
        }
        return c;
    }

    private static Long baseVersion(JsonParser p, JsonToken value, int line) throws IOException {
        try {
            if (value == JsonToken.VALUE_NULL) {
                return null;
            }
            if (value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                return BaseVersions.parse("base_version", p.getLongValue());
            }
            if (value == JsonToken.VALUE_STRING) {
                return BaseVersions.parse("base_version", p.getText());
            }
            throw BaseVersions.invalid("base_version");
        } catch (ApiException e) {
            throw invalid(line, e.getMessage());
        }
    }

    private static String required(String v, String field, int line) {
        if (v == null || v.isEmpty()) {
            throw invalid(line, field + " is required");
        }
        return v;
    }

    private static String text(JsonParser p, JsonToken value, String field, int line, boolean nullable)
            throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw invalid(line, field + " must be a string" + (nullable ? " or null" : ""));
        }
        String v = p.getText();
        String problem = Texts.problem(v);
        if (problem != null) {
            throw invalid(line, field + " " + problem);
        }
        return v;
    }

    static ApiException invalid(int line, String problem) {
        return ApiException.unprocessable("invalid_chunk", "Chunk line " + line + ": " + problem)
                .withDetail("line", line)
                .withDetail("problem", problem);
    }
}
