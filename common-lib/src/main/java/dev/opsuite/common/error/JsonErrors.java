package dev.opsuite.common.error;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamWriteException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.opsuite.common.json.UnstorableJsonTextException;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns Jackson failures into a client-safe 400: names the field and the expected kind of value,
 * never Java class names or parser internals.
 */
final class JsonErrors {

    private JsonErrors() {}

    /** Failures while writing a response, or of our own type definitions, are server bugs. */
    static boolean isServerSide(JsonProcessingException e) {
        return e instanceof InvalidDefinitionException
                || e instanceof StreamWriteException
                || e.getProcessor() instanceof JsonGenerator;
    }

    static ApiError toError(JsonProcessingException e) {
        if (e instanceof DatabindException db) {
            String field = path((JsonMappingException) db);
            if (!field.isEmpty()) {
                Map<String, Object> details = new LinkedHashMap<>();
                String problem = problem(db);
                details.put(field, problem);
                return new ApiError(
                        400,
                        ErrorCodes.MALFORMED_JSON,
                        null,
                        "Invalid JSON at " + field + ": " + problem,
                        details,
                        null,
                        null);
            }
        }
        if (e instanceof UnstorableJsonTextException unstorable) {
            Map<String, Object> details =
                    unstorable.member() == null ? Map.of() : Map.of(unstorable.member(), unstorable.problem());
            return new ApiError(400, ErrorCodes.MALFORMED_JSON, null, e.getOriginalMessage(), details, null, null);
        }
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.startsWith("Duplicate field ")) {
            // Jackson's wording names the key in quotes; which duplicate would win is parser-specific
            return ApiError.of(
                    400, ErrorCodes.MALFORMED_JSON, "Duplicate key " + original.substring(16) + " in JSON body");
        }
        long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
        long column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
        String where = line > 0 ? " (line " + line + ", column " + column + ")" : "";
        return ApiError.of(400, ErrorCodes.MALFORMED_JSON, "Malformed JSON body" + where);
    }

    private static String problem(DatabindException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "unknown field";
        }
        if (e instanceof InvalidFormatException f) {
            return "expected " + kind(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "expected " + kind(m.getTargetType());
        }
        return "invalid value";
    }

    static String kind(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Short.class
                || type == short.class
                || type == BigInteger.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            StringBuilder sb = new StringBuilder("one of ");
            for (int i = 0; i < constants.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(constants[i].toString().toLowerCase(Locale.ROOT));
            }
            return sb.toString();
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date/time";
        }
        return "an object";
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
