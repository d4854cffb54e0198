package dev.opsuite.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.ResteasyReactiveClientProblem;
import org.jboss.resteasy.reactive.common.jaxrs.ResponseImpl;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * JAX-RS exceptions keep their status but speak the dialect: unknown paths (404), wrong method (405,
 * with Allow), wrong content type (415), unacceptable Accept (406), and anything else a resource
 * throws. Quarkus wraps JSON parse errors in a 400 WebApplicationException: those get the
 * malformed_json treatment. A WebApplicationException carrying its own entity, or a redirect, is
 * passed through untouched. A failed outbound REST client call is an upstream failure (502), not
 * the upstream's status leaking to our client.
 */
public class WebApplicationExceptionMapper {
    private static final Pattern DEFAULT_MESSAGE = Pattern.compile("HTTP \\d{3}.*");

    private final ErrorResponder responder;

    public WebApplicationExceptionMapper(ErrorResponder responder) {
        this.responder = responder;
    }

    @ServerExceptionMapper({
        WebApplicationException.class,
        NotFoundException.class,
        NotAllowedException.class,
        NotSupportedException.class,
        NotAcceptableException.class
    })
    public Response map(WebApplicationException e, HttpServerRequest request) {
        if (e instanceof ResteasyReactiveClientProblem) {
            return responder.toResponse(ApiError.of(502, ErrorCodes.UPSTREAM_ERROR, null), request);
        }
        if (e.getCause() instanceof ApiException api) {
            // e.g. a strict parameter converter refusing a value (JAX-RS wraps it in a 404)
            return responder.toResponse(api.toError(null), request);
        }
        if (e.getCause() instanceof JsonProcessingException json && !JsonErrors.isServerSide(json)) {
            return responder.toResponse(JsonErrors.toError(json), request);
        }
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (original != null && (status < 400 || hasEntity(original))) {
            return original;
        }
        String message = e.getMessage() == null
                        || DEFAULT_MESSAGE.matcher(e.getMessage()).matches()
                ? null
                : e.getMessage();
        ApiError error = new ApiError(status, ErrorCodes.forStatus(status), null, message, null, null, null);
        if (status == 405 && original.getHeaderString(HttpHeaders.ALLOW) != null) {
            error = error.withHeader(HttpHeaders.ALLOW, original.getHeaderString(HttpHeaders.ALLOW));
        }
        if (original != null && original.getHeaderString("Retry-After") != null) {
            error = error.withHeader("Retry-After", original.getHeaderString("Retry-After"));
        }
        return responder.toResponse(error, request);
    }

    private static boolean hasEntity(Response response) {
        return response instanceof ResponseImpl impl ? impl.getEntity() != null : response.hasEntity();
    }
}
