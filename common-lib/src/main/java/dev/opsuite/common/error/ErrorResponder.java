package dev.opsuite.common.error;

import dev.opsuite.common.request.RequestIds;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/**
 * Renders an {@link ApiError} in the dialect of the request path and stamps the request id. Used by
 * the JAX-RS exception mappers, the Vert.x failure handler, and by code that wants to answer with
 * an error without throwing.
 */
@ApplicationScoped
public class ErrorResponder {

    private final DialectResolver resolver;
    private final ErrorsConfig config;

    public ErrorResponder(ErrorsConfig config) {
        this.config = config;
        this.resolver = new DialectResolver(config.defaultDialect(), config.dialects());
    }

    public ErrorDialect dialectFor(String path) {
        return resolver.resolve(path);
    }

    public int validationStatus() {
        return config.validationStatus();
    }

    public RenderedError render(ApiError error, String path) {
        ApiError stamped = error.requestId() != null
                ? error
                : error.withRequestId(RequestIds.current().orElse(null));
        return dialectFor(path).render(stamped, path);
    }

    public Response toResponse(ApiError error, String path) {
        return render(error, path).toResponse();
    }

    /**
     * For JAX-RS mappers: RESTEasy Reactive ignores custom reason phrases in a Response, so the PVE
     * dialect's reason is set on the underlying Vert.x response (it survives the later status write).
     */
    public Response toResponse(ApiError error, HttpServerRequest request) {
        RenderedError rendered = render(error, request.path());
        if (rendered.reason() != null && !request.response().headWritten()) {
            request.response().setStatusMessage(rendered.reason());
        }
        return rendered.toResponse();
    }
}
