package dev.opsuite.devstack.test.hostile;

import java.util.List;
import java.util.Map;

/**
 * The part of an OpenAPI schema the hostile-input probe needs: a JSON type, the properties of an
 * object, the items of an array, the allowed values of an enum.
 */
public record Schema(
        String type, String format, Map<String, Schema> properties, Schema items, List<String> enumValues) {

    static final Schema ANY = new Schema(null, null, Map.of(), null, List.of());

    /** A scalar of that JSON type ({@code string}, {@code integer}, {@code number}, {@code boolean}). */
    public static Schema of(String type) {
        return new Schema(type, null, Map.of(), null, List.of());
    }

    /** A string with these allowed values. */
    public static Schema oneOf(String... values) {
        return new Schema("string", null, Map.of(), null, List.of(values));
    }

    boolean isObject() {
        return "object".equals(type) || !properties.isEmpty();
    }

    boolean isNumeric() {
        return "integer".equals(type) || "number".equals(type);
    }
}
