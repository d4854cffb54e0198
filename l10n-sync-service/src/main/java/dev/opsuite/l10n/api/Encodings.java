package dev.opsuite.l10n.api;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/** Response compression from Accept-Encoding: zstd preferred, then gzip, else identity (q=0 honoured). */
final class Encodings {
    private Encodings() {}

    static String choose(String acceptEncoding) {
        if (acceptEncoding == null) {
            return "identity";
        }
        boolean zstd = false;
        boolean gzip = false;
        for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] p = part.trim().split(";");
            String name = p[0].trim();
            boolean refused = p.length > 1 && p[1].trim().matches("q=0(\\.0*)?");
            if (refused) {
                continue;
            }
            zstd |= name.equals("zstd");
            gzip |= name.equals("gzip");
        }
        return zstd ? "zstd" : gzip ? "gzip" : "identity";
    }

    static OutputStream wrap(OutputStream out, String encoding, byte[] dict) throws IOException {
        return switch (encoding) {
            case "zstd" -> {
                ZstdOutputStream z = new ZstdOutputStream(out, 3);
                if (dict != null) {
                    z.setDict(dict);
                }
                yield z;
            }
            case "gzip" -> new GZIPOutputStream(out, 64 * 1024);
            default -> out;
        };
    }
}
