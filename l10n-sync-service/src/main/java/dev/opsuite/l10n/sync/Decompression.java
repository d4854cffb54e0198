package dev.opsuite.l10n.sync;

import com.github.luben.zstd.ZstdInputStream;
import dev.opsuite.common.error.ApiException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Bounded decompression of uploaded chunks: output beyond the size limit, or beyond the ratio limit
 * once past 1 MiB, stops at once with a 413, so a decompression bomb costs a bounded amount of memory.
 */
public final class Decompression {
    private static final long RATIO_FLOOR = 1024 * 1024;

    private Decompression() {}

    public static byte[] decode(byte[] body, String encoding, byte[] dict, long maxBytes, int maxRatio) {
        if (encoding == null || encoding.equals("identity")) {
            if (body.length > maxBytes) {
                throw tooLarge(maxBytes, maxRatio);
            }
            return body;
        }
        try (InputStream in = open(body, encoding, dict)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(body.length * 4, 8 * 1024 * 1024));
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > maxBytes || (total > RATIO_FLOOR && total > (long) maxRatio * body.length)) {
                    throw tooLarge(maxBytes, maxRatio);
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ApiException.unprocessable("undecodable_chunk", "The chunk is not valid " + encoding + " data")
                    .withDetail("content_encoding", encoding);
        }
    }

    private static InputStream open(byte[] body, String encoding, byte[] dict) throws IOException {
        return switch (encoding) {
            case "gzip" -> new GZIPInputStream(new ByteArrayInputStream(body));
            case "zstd" -> {
                ZstdInputStream z = new ZstdInputStream(new ByteArrayInputStream(body));
                if (dict != null) {
                    z.setDict(dict);
                }
                yield z;
            }
            default ->
                throw ApiException.validation(
                        "Unsupported Content-Encoding " + encoding,
                        Map.of("field", "Content-Encoding", "expected", "zstd|gzip|identity", "received", encoding));
        };
    }

    private static ApiException tooLarge(long maxBytes, int maxRatio) {
        return new ApiException(
                        413,
                        "payload_too_large",
                        "The chunk decompresses beyond the limits (" + maxBytes + " bytes, ratio " + maxRatio
                                + ":1); send smaller chunks")
                .withDetail("max_decompressed_bytes", maxBytes)
                .withDetail("max_ratio", maxRatio);
    }
}
