package dev.opsuite.common.request;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.ext.Provider;

/** Propagates the current request id to outbound REST client calls (global client provider). */
@Provider
public class RequestIdClientFilter implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        if (!request.getHeaders().containsKey(RequestIds.HEADER)) {
            RequestIds.current().ifPresent(id -> request.getHeaders().putSingle(RequestIds.HEADER, id));
        }
    }
}
