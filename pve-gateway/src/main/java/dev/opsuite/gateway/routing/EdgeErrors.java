package dev.opsuite.gateway.routing;

import dev.opsuite.common.error.ApiError;
import dev.opsuite.common.error.ErrorResponder;
import dev.opsuite.common.error.RenderedError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.inject.Singleton;

/**
 * Errors the edge produces itself (401, 429, 502, 503, 504), rendered by common-lib in the
 * dialect of the request path (problem+json for the proxied APIs) with the request id.
 */
@Singleton
public class EdgeErrors {

    private final ErrorResponder responder;

    public EdgeErrors(ErrorResponder responder) {
        this.responder = responder;
    }

    /** Answers directly, before any upstream was involved. */
    public void send(RoutingContext rc, ApiError error, String requestId) {
        HttpServerResponse response = rc.response();
        if (response.headWritten() || response.ended()) {
            return;
        }
        RenderedError rendered = responder.render(error.withRequestId(requestId), rc.normalizedPath());
        // let the unread request body drain so the connection stays usable
        rc.request().resume();
        response.setStatusCode(rendered.status());
        if (rendered.reason() != null) {
            response.setStatusMessage(rendered.reason());
        }
        rendered.headers().forEach(response::putHeader);
        if (rendered.body().isEmpty()) {
            response.end();
        } else {
            response.putHeader("Content-Type", rendered.contentType()).end(rendered.body());
        }
    }

    /** The same error as the proxy's response when the upstream exchange failed. */
    ProxyResponse asProxyResponse(ProxyContext context, ApiError error, String requestId) {
        String path = context.request().proxiedRequest().path();
        RenderedError rendered = responder.render(error.withRequestId(requestId), path);
        ProxyResponse response = context.request().release().response();
        response.setStatusCode(rendered.status());
        if (rendered.reason() != null) {
            response.setStatusMessage(rendered.reason());
        }
        rendered.headers().forEach(response::putHeader);
        if (!rendered.body().isEmpty()) {
            response.putHeader("Content-Type", rendered.contentType());
        }
        response.setBody(Body.body(Buffer.buffer(rendered.body())));
        return response;
    }
}
