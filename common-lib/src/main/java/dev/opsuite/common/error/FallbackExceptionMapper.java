package dev.opsuite.common.error;

import dev.opsuite.common.request.RequestIds;
import io.smallrye.mutiny.CompositeException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Last resort: anything unexpected is a 500 with a generic message. The details (stack trace, SQL)
 * go to the log with the request id, never to the client. An ApiException wrapped by async
 * plumbing is unwrapped and answered as what it is.
 */
@Singleton
public class FallbackExceptionMapper {
    private static final Logger LOG = Logger.getLogger(FallbackExceptionMapper.class);

    private final ErrorResponder responder;

    public FallbackExceptionMapper(ErrorResponder responder) {
        this.responder = responder;
    }

    @ServerExceptionMapper
    public Response map(Throwable e, HttpServerRequest request) {
        ApiException wrapped = unwrapApiException(e);
        if (wrapped != null) {
            return responder.toResponse(wrapped.toError(null), request);
        }
        ApiError error = ApiError.of(500, ErrorCodes.INTERNAL_ERROR, "Internal server error");
        LOG.errorf(
                e,
                "unhandled %s on %s %s [request_id=%s]",
                e.getClass().getName(),
                request.method(),
                request.path(),
                RequestIds.current().orElse("-"));
        return responder.toResponse(error, request);
    }

    static ApiException unwrapApiException(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 8; depth++) {
            if (t instanceof ApiException api) {
                return api;
            }
            if (t instanceof CompositeException composite
                    && !composite.getCauses().isEmpty()) {
                t = composite.getCauses().get(0);
            } else if (t instanceof CompletionException || t instanceof ExecutionException) {
                t = t.getCause();
            } else {
                return null;
            }
        }
        return null;
    }
}
