package dev.opsuite.deployment.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.deployment.domain.App;
import java.util.List;

/** An app as the API shows it; {@code webhook_secret} only once, when it is created or rotated. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppView(
        String name,
        @JsonProperty("source_path") String sourcePath,
        @JsonProperty("compose_file") String composeFile,
        @JsonProperty("start_command") List<String> startCommand,
        @JsonProperty("health_url") String healthUrl,
        @JsonProperty("health_timeout_seconds") int healthTimeoutSeconds,
        String python,
        Detected detected,
        @JsonProperty("webhook_secret") String webhookSecret) {

    public record Detected(
            @JsonProperty("compose_file") boolean composeFile,
            boolean pyproject,
            @JsonProperty("uv_lock") boolean uvLock,
            boolean requirements) {}

    public static AppView of(App app, String secretOnce) {
        return new AppView(
                app.name(),
                app.sourcePath(),
                app.composeFile(),
                app.startCommand(),
                app.healthUrl(),
                app.healthTimeoutSeconds(),
                app.python(),
                new Detected(app.composePath() != null, app.hasPyproject(), app.hasUvLock(), app.hasRequirements()),
                secretOnce);
    }
}
