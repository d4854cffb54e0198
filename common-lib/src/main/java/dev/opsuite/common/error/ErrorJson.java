package dev.opsuite.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * Serialises error bodies with a private mapper: the body shape must not depend on a service's
 * Jackson customisations (naming strategies, inclusion rules).
 */
final class ErrorJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ErrorJson() {}

    static String write(Map<String, Object> body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("error body not serialisable", e);
        }
    }
}
