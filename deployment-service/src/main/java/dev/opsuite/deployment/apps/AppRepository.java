package dev.opsuite.deployment.apps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.common.persistence.BlockingSql;
import dev.opsuite.deployment.domain.App;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class AppRepository {
    private static final String COLUMNS =
            "name, source_path, compose_file, start_command::text AS start_command, health_url, "
                    + "health_timeout_seconds, python";

    private final BlockingSql db;
    private final ObjectMapper mapper;

    public AppRepository(BlockingSql db, ObjectMapper mapper) {
        this.db = db;
        this.mapper = mapper;
    }

    public Optional<App> find(String name) {
        return db.query("SELECT " + COLUMNS + " FROM apps WHERE name = $1", name).stream()
                .findFirst()
                .map(this::map);
    }

    public List<App> list() {
        return db.query("SELECT " + COLUMNS + " FROM apps ORDER BY name").stream()
                .map(this::map)
                .toList();
    }

    /** @return false when the name is taken */
    public boolean insert(App app, String encryptedSecret) {
        return db.update(
                        "INSERT INTO apps (name, source_path, compose_file, start_command, health_url, health_timeout_seconds, "
                                + "python, webhook_secret) VALUES ($1, $2, $3, $4::text::jsonb, $5, $6, $7, $8) ON CONFLICT (name) DO NOTHING",
                        app.name(),
                        app.sourcePath(),
                        app.composeFile(),
                        json(app.startCommand()),
                        app.healthUrl(),
                        app.healthTimeoutSeconds(),
                        app.python(),
                        encryptedSecret)
                == 1;
    }

    public boolean update(App app, String encryptedSecretOrNull) {
        return db.update(
                        "UPDATE apps SET source_path = $2, compose_file = $3, start_command = $4::text::jsonb, health_url = $5, "
                                + "health_timeout_seconds = $6, python = $7, webhook_secret = coalesce($8, webhook_secret), updated_at = now() "
                                + "WHERE name = $1",
                        app.name(),
                        app.sourcePath(),
                        app.composeFile(),
                        json(app.startCommand()),
                        app.healthUrl(),
                        app.healthTimeoutSeconds(),
                        app.python(),
                        encryptedSecretOrNull)
                == 1;
    }

    public boolean delete(String name) {
        return db.update("DELETE FROM apps WHERE name = $1", name) == 1;
    }

    public Optional<String> encryptedSecret(String name) {
        return db.query("SELECT webhook_secret FROM apps WHERE name = $1", name).stream()
                .findFirst()
                .map(r -> r.getString("webhook_secret"));
    }

    private App map(Row r) {
        return new App(
                r.getString("name"),
                r.getString("source_path"),
                r.getString("compose_file"),
                parse(r.getString("start_command")),
                r.getString("health_url"),
                r.getInteger("health_timeout_seconds"),
                r.getString("python"));
    }

    private String json(List<String> argv) {
        if (argv == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(argv);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return new ArrayList<>(mapper.readValue(json, new TypeReference<List<String>>() {}));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
