package dev.opsuite.automation.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a stream completely (so the remote side never blocks on a full window) while keeping only
 * the first {@code cap} bytes; the rest is counted and reported by a marker line.
 */
final class CappedOutput {
    private final int cap;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long dropped;

    CappedOutput(int cap) {
        this.cap = cap;
    }

    void drain(InputStream in) {
        byte[] buf = new byte[16 * 1024];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (this) {
                    int room = cap - kept.size();
                    int keep = Math.max(0, Math.min(room, n));
                    kept.write(buf, 0, keep);
                    dropped += n - keep;
                }
            }
        } catch (IOException e) {
            // the channel closed under us (cancel, timeout, dropped connection): keep what we have
        }
    }

    synchronized String text() {
        String s = kept.toString(StandardCharsets.UTF_8);
        if (dropped > 0) {
            s = s + (s.endsWith("\n") || s.isEmpty() ? "" : "\n") + "…[output truncated: " + dropped
                    + " more bytes not kept]";
        }
        return s;
    }
}
