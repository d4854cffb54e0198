package dev.opsuite.l10n.imports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.l10n.domain.Texts;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Minecraft language files: the JSON form (one flat object of key -> string, since 1.13) and the
 * legacy {@code .lang} form ({@code key=value} lines, {@code #} comments). A repeated key keeps its
 * last value (as the game does) and is counted.
 */
public final class LangFileParser {
    private static final JsonFactory JSON = new JsonFactory();

    private LangFileParser() {}

    public static LangFile parse(byte[] body, String format) {
        if (body.length == 0) {
            throw ApiException.badRequest("empty_file", "The language file is empty");
        }
        return "lang".equals(format) ? lang(decode(body)) : json(body);
    }

    static LangFile json(byte[] body) {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        int duplicates = 0;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("a Minecraft .json language file is one JSON object of key -> text");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if (value != JsonToken.VALUE_STRING) {
                    throw invalid("the value of \"" + key + "\" must be a string");
                }
                check(key, p.getText());
                if (out.put(key, p.getText()) != null) {
                    duplicates++;
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw invalid("unexpected content after the language object");
            }
        } catch (JsonParseException e) {
            throw invalid("malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw invalid("unreadable JSON");
        }
        return new LangFile(out, duplicates);
    }

    static LangFile lang(String text) {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        int duplicates = 0;
        int lineNo = 0;
        for (String line : text.split("\n", -1)) {
            lineNo++;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw ApiException.validation(
                        "Invalid .lang file: line " + lineNo + " is not key=value",
                        Map.of("field", "body", "line", lineNo));
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            check(key, value);
            if (out.put(key, value) != null) {
                duplicates++;
            }
        }
        return new LangFile(out, duplicates);
    }

    private static void check(String key, String value) {
        if (key.isEmpty() || key.length() > 500) {
            throw invalid("keys must be 1-500 characters");
        }
        String problem = Texts.problem(key);
        if (problem == null) {
            problem = Texts.problem(value);
        }
        if (problem != null) {
            throw ApiException.validation(
                    "Invalid text for key " + key + ": " + problem,
                    Map.of("field", "body", "key", key, "problem", problem));
        }
    }

    private static String decode(byte[] body) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid("the file is not valid UTF-8");
        }
    }

    private static ApiException invalid(String message) {
        return ApiException.validation(
                "Invalid language file: " + message, Map.of("field", "body", "problem", message));
    }
}
