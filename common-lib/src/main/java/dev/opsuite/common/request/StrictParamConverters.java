package dev.opsuite.common.request;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.error.ErrorCodes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Locale;
import java.util.function.Function;

/**
 * Numbers and booleans in query, path and header parameters, read strictly: {@code limit=abc} is a
 * 400 that names the parameter. (JAX-RS turns a failed query or path conversion into a 404, which
 * told clients the resource did not exist.) {@code true}/{@code false} only for booleans, any case.
 */
@Provider
public class StrictParamConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        Parameter name = parameter(annotations);
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>) new Strict<>(name, "an integer", Integer::valueOf);
        }
        if (rawType == Long.class || rawType == long.class) {
            return (ParamConverter<T>) new Strict<>(name, "an integer", Long::valueOf);
        }
        if (rawType == Double.class || rawType == double.class) {
            return (ParamConverter<T>) new Strict<>(name, "a number", StrictParamConverters::finiteDouble);
        }
        if (rawType == Boolean.class || rawType == boolean.class) {
            return (ParamConverter<T>) new Strict<>(name, "true or false", StrictParamConverters::strictBoolean);
        }
        return null;
    }

    private static Double finiteDouble(String text) {
        double value = Double.parseDouble(text);
        if (!Double.isFinite(value)) {
            throw new NumberFormatException("not finite");
        }
        return value;
    }

    private static Boolean strictBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    private record Parameter(String key, String label) {}

    private static Parameter parameter(Annotation[] annotations) {
        if (annotations != null) {
            for (Annotation a : annotations) {
                if (a instanceof QueryParam q) {
                    return new Parameter(q.value(), "query parameter '" + q.value() + "'");
                }
                if (a instanceof PathParam p) {
                    return new Parameter(p.value(), "path parameter '" + p.value() + "'");
                }
                if (a instanceof HeaderParam h) {
                    return new Parameter(h.value(), "header '" + h.value() + "'");
                }
            }
        }
        return new Parameter("parameter", "parameter");
    }

    private record Strict<T>(Parameter name, String expected, Function<String, T> parse) implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            if (value == null) {
                return null;
            }
            try {
                return parse.apply(value.strip());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(ErrorCodes.BAD_REQUEST, "The " + name.label() + " must be " + expected)
                        .withDetail(name.key(), "expected " + expected);
            }
        }

        @Override
        public String toString(T value) {
            return String.valueOf(value);
        }
    }
}
