package dev.opsuite.l10n.settings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.l10n.db.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Stored settings over their defaults; values are validated JSON integers. */
@ApplicationScoped
public class Settings {
    private final Jdbc jdbc;

    public Settings(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public record Value(
            String key,
            long value,
            long defaultValue,
            long min,
            long max,
            String description,
            boolean isDefault,
            OffsetDateTime updatedAt,
            String updatedBy) {}

    private record Stored(String key, long value, OffsetDateTime updatedAt, String updatedBy) {}

    public long get(Setting s) {
        return jdbc.one(
                        "SELECT value::text FROM settings WHERE key = ?",
                        rs -> Long.parseLong(rs.getString(1)),
                        s.key())
                .orElse(s.defaultValue());
    }

    public List<Value> all() {
        Map<String, Stored> stored = new HashMap<>();
        jdbc.query(
                "SELECT key, value::text, updated_at, updated_by FROM settings",
                rs -> stored.put(
                        rs.getString(1),
                        new Stored(
                                rs.getString(1),
                                Long.parseLong(rs.getString(2)),
                                rs.getObject(3, OffsetDateTime.class),
                                rs.getString(4))));
        List<Value> out = new ArrayList<>();
        for (Setting s : Setting.values()) {
            out.add(view(s, stored.get(s.key())));
        }
        return out;
    }

    public Value one(String key) {
        Setting s = Setting.byKey(key).orElseThrow(() -> unknown(key));
        return view(
                s,
                jdbc.one(
                                "SELECT key, value::text, updated_at, updated_by FROM settings WHERE key = ?",
                                rs -> new Stored(
                                        rs.getString(1),
                                        Long.parseLong(rs.getString(2)),
                                        rs.getObject(3, OffsetDateTime.class),
                                        rs.getString(4)),
                                key)
                        .orElse(null));
    }

    public Value put(String key, JsonNode value, String actor) {
        Setting s = Setting.byKey(key).orElseThrow(() -> unknown(key));
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw ApiException.validation(
                    "Setting " + key + " takes an integer value",
                    Map.of("field", "value", "expected", "integer " + s.min() + ".." + s.max()));
        }
        long v = value.asLong();
        if (v < s.min() || v > s.max()) {
            throw ApiException.validation(
                    "Setting " + key + " must be between " + s.min() + " and " + s.max(),
                    Map.of("field", "value", "expected", "integer " + s.min() + ".." + s.max(), "received", v));
        }
        jdbc.update(
                "INSERT INTO settings (key, value, updated_by) VALUES (?, ?::jsonb, ?) ON CONFLICT (key) DO UPDATE "
                        + "SET value = EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by",
                key,
                Long.toString(v),
                actor);
        return one(key);
    }

    private static Value view(Setting s, Stored stored) {
        return new Value(
                s.key(),
                stored == null ? s.defaultValue() : stored.value(),
                s.defaultValue(),
                s.min(),
                s.max(),
                s.description(),
                stored == null,
                stored == null ? null : stored.updatedAt(),
                stored == null ? null : stored.updatedBy());
    }

    private static ApiException unknown(String key) {
        List<String> keys = new ArrayList<>();
        for (Setting s : Setting.values()) {
            keys.add(s.key());
        }
        return ApiException.notFound("No setting " + key).withDetail("known_keys", keys);
    }
}
