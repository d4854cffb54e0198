package dev.opsuite.deployment.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * Picks the representation of {@code GET .../logs} before matching: the SSE stream when the client asks
 * for {@code text/event-stream} or says {@code ?follow=true}, the JSON page otherwise (a client sending
 * {@code Accept: *}{@code /*} must get the page, not a never-ending stream).
 */
@Provider
@PreMatching
public class FollowLogsFilter implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext ctx) {
        if (!"GET".equals(ctx.getMethod()) || !ctx.getUriInfo().getPath().endsWith("/logs")) {
            return;
        }
        String accept = ctx.getHeaderString(HttpHeaders.ACCEPT);
        boolean follow =
                "true".equalsIgnoreCase(ctx.getUriInfo().getQueryParameters().getFirst("follow"))
                        || (accept != null && accept.contains(MediaType.SERVER_SENT_EVENTS));
        ctx.getHeaders()
                .putSingle(HttpHeaders.ACCEPT, follow ? MediaType.SERVER_SENT_EVENTS : MediaType.APPLICATION_JSON);
    }
}
