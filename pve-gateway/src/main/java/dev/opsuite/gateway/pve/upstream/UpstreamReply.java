package dev.opsuite.gateway.pve.upstream;

import io.vertx.core.buffer.Buffer;

/**
 * PVE's answer exactly as it came: status, reason phrase, content type and body bytes.
 *
 * @param node the {@code host:port} that answered
 */
public record UpstreamReply(int status, String reason, String contentType, Buffer body, String node) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
