package dev.opsuite.deployment.apps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsuite.common.error.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a configured start command into an argument list. A JSON array is taken as is; a string is
 * split like a shell would split words (whitespace, single and double quotes, backslash escapes) but
 * nothing is ever interpreted: no variables, globs, pipes or redirections, and no shell runs it.
 */
public final class CommandLine {
    private CommandLine() {}

    public static List<String> from(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        List<String> argv = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> {
                if (!n.isTextual()) {
                    throw ApiException.validation(
                            "start_command must be a string or an array of strings",
                            Map.of("start_command", "must be a string or an array of strings"));
                }
                argv.add(n.asText());
            });
        } else if (node.isTextual()) {
            argv.addAll(split(node.asText()));
        } else {
            throw ApiException.validation(
                    "start_command must be a string or an array of strings",
                    Map.of("start_command", "must be a string or an array of strings"));
        }
        if (argv.isEmpty() || argv.get(0).isBlank()) {
            throw ApiException.validation("start_command is empty", Map.of("start_command", "must not be empty"));
        }
        return argv;
    }

    public static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw ApiException.validation(
                    "start_command has an unterminated quote", Map.of("start_command", "unterminated quote"));
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
