package dev.opsuite.l10n.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.l10n.db.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;

/** GET /sync/history: past sessions with their byte counts, durations and results. */
@ApplicationScoped
public class SyncHistory {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Jdbc jdbc;

    public SyncHistory(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public record Item(
            String sessionId,
            String locale,
            String packUid,
            String state,
            OffsetDateTime createdAt,
            OffsetDateTime committedAt,
            Long durationMs,
            long inScope,
            long missing,
            long confirm,
            long falsePositives,
            long bytesReceived,
            long bytesSent,
            int chunks,
            JsonNode result,
            String createdBy) {}

    public List<Item> list(int limit) {
        return jdbc.tx(c -> SyncSessions.history(c, limit).stream()
                .map(s -> new Item(
                        s.id(),
                        s.locale(),
                        s.packUid(),
                        s.open() || !s.state().equals("open") ? s.state() : "expired",
                        s.createdAt(),
                        s.committedAt(),
                        s.durationMs(),
                        s.inScope(),
                        s.missingCount(),
                        s.confirmCount(),
                        s.falsePositives(),
                        s.bytesReceived(),
                        s.bytesSent(),
                        s.chunkCount(),
                        parse(s.resultJson()),
                        s.createdBy()))
                .toList());
    }

    private static JsonNode parse(String json) {
        try {
            return json == null ? null : JSON.readTree(json);
        } catch (Exception e) {
            return null;
        }
    }
}
