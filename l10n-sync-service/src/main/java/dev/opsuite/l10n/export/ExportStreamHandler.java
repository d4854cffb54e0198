package dev.opsuite.l10n.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.l10n.cache.CachedPage;
import dev.opsuite.l10n.queue.TaskHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Built-in worker for export_stream: renders an export page ({locale, carrier?, carrier_uid?,
 * since_id?, limit?}) into the cache ahead of the clients that will ask for it.
 */
@ApplicationScoped
public class ExportStreamHandler implements TaskHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExportService exports;

    public ExportStreamHandler(ExportService exports) {
        this.exports = exports;
    }

    @Override
    public String type() {
        return "export_stream";
    }

    @Override
    public String handle(long taskId, String payloadJson) throws Exception {
        JsonNode p = JSON.readTree(payloadJson);
        ExportQuery q = new ExportQuery(
                text(p, "locale"),
                text(p, "carrier"),
                text(p, "carrier_uid"),
                null,
                p.hasNonNull("since_id") ? p.get("since_id").asLong() : null,
                p.path("limit").asInt(1000));
        CachedPage page = exports.warm(q);
        return JSON.writeValueAsString(Map.of("rows", page.rows(), "bytes", page.body().length, "etag", page.etag()));
    }

    private static String text(JsonNode p, String field) {
        return p.hasNonNull(field) ? p.get(field).asText() : null;
    }
}
