package dev.opsuite.gateway.accesslog;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Masks the values of query parameters that look like credentials ({@code ?token=…} on WebSocket
 * URLs, {@code password}, {@code api_key}, signatures…) so an access log never holds a secret.
 */
final class QueryMasker {

    private static final Pattern SECRET_NAME = Pattern.compile(
            ".*(token|password|passwd|pwd|secret|key|signature|sig|auth|session|ticket|credential|code).*");

    private QueryMasker() {}

    static String mask(String query) {
        if (query == null || query.isEmpty()) {
            return query;
        }
        StringBuilder out = new StringBuilder(query.length());
        for (String pair : query.split("&", -1)) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (eq >= 0
                    && SECRET_NAME
                            .matcher(decodeLoosely(name).toLowerCase(Locale.ROOT))
                            .matches()) {
                out.append(name).append("=***");
            } else {
                out.append(pair);
            }
        }
        return out.toString();
    }

    private static String decodeLoosely(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }
}
