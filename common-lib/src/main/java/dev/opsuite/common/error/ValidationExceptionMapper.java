package dev.opsuite.common.error;

import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Bean validation of request input: 400 (or 422, {@code opsuite.errors.validation-status}) with
 * {@code details} = field -> message. A violated return value is our bug: 500, not the client's.
 */
public class ValidationExceptionMapper {
    private static final Logger LOG = Logger.getLogger(ValidationExceptionMapper.class);

    private final ErrorResponder responder;

    public ValidationExceptionMapper(ErrorResponder responder) {
        this.responder = responder;
    }

    @ServerExceptionMapper
    public Response map(ConstraintViolationException e, HttpServerRequest request) {
        if (isReturnValueViolation(e)) {
            LOG.errorf("response failed its own constraints on %s: %s", request.path(), e.getMessage());
            return responder.toResponse(ApiError.of(500, ErrorCodes.INTERNAL_ERROR, null), request);
        }
        Map<String, Object> fields = fieldErrors(e);
        String message = fields.size() == 1
                ? "Invalid " + fields.keySet().iterator().next() + ": "
                        + fields.values().iterator().next()
                : "Request validation failed";
        ApiError error = new ApiError(
                responder.validationStatus(), ErrorCodes.VALIDATION_FAILED, null, message, fields, null, null);
        return responder.toResponse(error, request);
    }

    static Map<String, Object> fieldErrors(ConstraintViolationException e) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (e.getConstraintViolations() == null) {
            return fields;
        }
        e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> fieldName(v.getPropertyPath())))
                .forEach(v -> fields.merge(fieldName(v.getPropertyPath()), v.getMessage(), (a, b) -> a + "; " + b));
        return fields;
    }

    /** "create.arg0.items[2].name" -> "items[2].name"; a bare parameter keeps its own name. */
    static String fieldName(Path path) {
        StringBuilder property = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getName() == null) {
                continue; // container element without a name
            }
            if (!property.isEmpty()) {
                property.append('.');
            }
            property.append(node.getName());
            if (node.getIndex() != null) {
                property.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                property.append('[').append(node.getKey()).append(']');
            }
        }
        if (!property.isEmpty()) {
            return property.toString();
        }
        return parameter != null ? parameter : path.toString();
    }

    private static boolean isReturnValueViolation(ConstraintViolationException e) {
        if (e.getConstraintViolations() == null) {
            return false;
        }
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            for (Path.Node node : v.getPropertyPath()) {
                if (node.getKind() == ElementKind.RETURN_VALUE) {
                    return true;
                }
            }
        }
        return false;
    }
}
