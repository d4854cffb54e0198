package dev.opsuite.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Malformed or mistyped JSON bodies are the client's fault: 400 malformed_json. The specific types
 * are listed because Quarkus ships its own mappers for some of them and the most specific wins.
 * (Quarkus also wraps parse errors in a WebApplicationException; {@link WebApplicationExceptionMapper}
 * unwraps those.) Failures while writing a response stay 500s.
 */
public class JsonExceptionMapper {
    private final ErrorResponder responder;
    private final FallbackExceptionMapper fallback;

    public JsonExceptionMapper(ErrorResponder responder, FallbackExceptionMapper fallback) {
        this.responder = responder;
        this.fallback = fallback;
    }

    @ServerExceptionMapper({
        JsonProcessingException.class,
        StreamReadException.class,
        DatabindException.class,
        MismatchedInputException.class,
        InvalidDefinitionException.class
    })
    public Response map(JsonProcessingException e, HttpServerRequest request) {
        if (JsonErrors.isServerSide(e)) {
            return fallback.map(e, request);
        }
        return responder.toResponse(JsonErrors.toError(e), request);
    }
}
