package dev.opsuite.common.request;

import dev.opsuite.common.text.StorableText;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Strict reading of a request target before any endpoint sees it: percent escapes must be complete,
 * the decoded bytes valid UTF-8, and the text storable (no NUL, no lone surrogate); the path may not
 * hold control characters at all. Frameworks decode leniently (bad bytes become U+FFFD, NUL passes),
 * which is how a {@code %00} used to reach PostgreSQL as a 500.
 */
final class UriText {

    private UriText() {}

    /** The problem with the path or query of {@code uri} (origin form), or empty when it is clean. */
    static Optional<String> problem(String uri) {
        int query = uri.indexOf('?');
        try {
            String path = decodeStrict(query < 0 ? uri : uri.substring(0, query));
            if (StorableText.hasControlCharacter(path)) {
                return Optional.of("the path contains a control character");
            }
            Optional<String> pathProblem = StorableText.problem(path).map(p -> "the path " + p);
            if (pathProblem.isPresent()) {
                return pathProblem;
            }
            if (query >= 0) {
                Optional<String> queryProblem = StorableText.problem(decodeStrict(uri.substring(query + 1)))
                        .map(p -> "the query string " + p);
                if (queryProblem.isPresent()) {
                    return queryProblem;
                }
            }
        } catch (IllegalArgumentException e) {
            return Optional.of("the request target has " + e.getMessage());
        }
        try {
            new URI(uri); // what Quarkus's own check refused (switched off: it answers without a body)
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("the request target is not a valid URI");
        }
    }

    private static String decodeStrict(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                if (c < 0x80) {
                    bytes.write(c);
                } else {
                    byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                    bytes.write(encoded, 0, encoded.length);
                }
                continue;
            }
            if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
                throw new IllegalArgumentException("incomplete percent escape");
            }
            bytes.write(hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2)));
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent escapes that are not valid UTF-8");
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
