package dev.opsuite.l10n.api;

import dev.opsuite.common.error.ApiError;
import dev.opsuite.common.error.ErrorResponder;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A client that drops its connection mid-body (a resumable chunk upload interrupted, as the protocol
 * expects to happen) is not a server error: nothing was stored, the client resumes from HEAD's
 * Upload-Offset. Answered (if anyone still listens) with 400 and logged quietly.
 */
public class AbortedRequestMapper {
    private static final Logger LOG = Logger.getLogger(AbortedRequestMapper.class);

    private final ErrorResponder responder;

    public AbortedRequestMapper(ErrorResponder responder) {
        this.responder = responder;
    }

    @ServerExceptionMapper(IOException.class)
    public Response map(IOException e, HttpServerRequest request) {
        LOG.debugf("request body not received completely on %s %s: %s", request.method(), request.path(), e.toString());
        return responder.toResponse(
                ApiError.of(400, "incomplete_body", "The request body was not received completely; send it again"),
                request);
    }
}
