package dev.opsuite.gateway.pve.upstream;

/**
 * No PVE answer: every node refused, timed out or failed TLS verification (502), or the answer did
 * not come within the read timeout (504). The message names the nodes and what went wrong.
 */
public class UpstreamFailure extends RuntimeException {
    private final int status;

    public UpstreamFailure(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
