package dev.opsuite.deployment.apps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.deployment.domain.App;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A row of {@code apps}, the registry's table (Hibernate Reactive, through {@link AppRepository}; nothing
 * else reads or writes it). The rest of the service sees {@link App}; the webhook secret stays here,
 * encrypted.
 */
@Entity
@Table(name = "apps")
public class AppEntity {
    @Id
    String name;

    @Column(name = "source_path", nullable = false)
    String sourcePath;

    @Column(name = "compose_file")
    String composeFile;

    /** argv as a JSON array in a jsonb column; bound as text and cast, read as text. */
    @Column(name = "start_command")
    @Convert(converter = ArgvJson.class)
    @ColumnTransformer(read = "cast(start_command as text)", write = "cast(cast(? as text) as jsonb)")
    List<String> startCommand;

    @Column(name = "health_url")
    String healthUrl;

    @Column(name = "health_timeout_seconds", nullable = false)
    int healthTimeoutSeconds;

    @Column(name = "python")
    String python;

    /** SecretBox ciphertext, context {@code app:<name>}. */
    @Column(name = "webhook_secret", nullable = false)
    String webhookSecret;

    @Column(name = "created_at", insertable = false, updatable = false)
    OffsetDateTime createdAt;

    @Column(name = "updated_at", insertable = false)
    OffsetDateTime updatedAt;

    static AppEntity of(App app, String encryptedSecret) {
        AppEntity e = new AppEntity();
        e.name = app.name();
        e.webhookSecret = encryptedSecret;
        e.copy(app);
        return e;
    }

    /** Takes the app's new definition; a null secret keeps the current one. */
    void update(App app, String encryptedSecretOrNull) {
        copy(app);
        if (encryptedSecretOrNull != null) {
            webhookSecret = encryptedSecretOrNull;
        }
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    private void copy(App app) {
        sourcePath = app.sourcePath();
        composeFile = app.composeFile();
        startCommand = app.startCommand() == null ? null : new ArrayList<>(app.startCommand());
        healthUrl = app.healthUrl();
        healthTimeoutSeconds = app.healthTimeoutSeconds();
        python = app.python();
    }

    App toApp() {
        return new App(
                name,
                sourcePath,
                composeFile,
                startCommand == null ? null : new ArrayList<>(startCommand),
                healthUrl,
                healthTimeoutSeconds,
                python);
    }

    String webhookSecret() {
        return webhookSecret;
    }

    /** The start command's JSON text for the jsonb column. */
    @Converter
    static class ArgvJson implements AttributeConverter<List<String>, String> {
        private static final ObjectMapper MAPPER = new ObjectMapper();

        @Override
        public String convertToDatabaseColumn(List<String> argv) {
            try {
                return argv == null ? null : MAPPER.writeValueAsString(argv);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<String> convertToEntityAttribute(String json) {
            try {
                return json == null
                        ? null
                        : new ArrayList<>(MAPPER.readValue(json, new TypeReference<List<String>>() {}));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable start_command: " + e.getOriginalMessage(), e);
            }
        }
    }
}
