package dev.opsuite.devstack.test.hostile;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** A response as read off the wire; header names lower-cased. */
public record RawResponse(int status, String reason, Map<String, String> headers, byte[] body) {

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase()));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
