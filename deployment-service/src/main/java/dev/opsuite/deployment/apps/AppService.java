package dev.opsuite.deployment.apps;

import dev.opsuite.common.crypto.SecretBox;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.deployment.domain.App;
import dev.opsuite.deployment.domain.WebhookSecrets;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

@ApplicationScoped
public class AppService {
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern PYTHON = Pattern.compile("[A-Za-z0-9._/+-]{1,200}");

    private final AppRepository apps;
    private final SecretBox box;

    public AppService(AppRepository apps, SecretBox box) {
        this.apps = apps;
        this.box = box;
    }

    public RegisteredApp register(AppSpec req) {
        App app = validate(req.name(), req);
        String secret = WebhookSecrets.generate();
        if (!apps.insert(app, encryptSecret(app.name(), secret))) {
            throw ApiException.conflict("app_exists", "An app named " + app.name() + " is already registered");
        }
        return new RegisteredApp(app, secret);
    }

    public RegisteredApp update(String name, AppSpec req) {
        if (req.name() != null && !req.name().equals(name)) {
            throw ApiException.validation("name cannot be changed", Map.of("name", "must match the path"));
        }
        App app = validate(name, req);
        String secret = req.rotateWebhookSecret() ? WebhookSecrets.generate() : null;
        if (!apps.update(app, secret == null ? null : encryptSecret(name, secret))) {
            throw ApiException.notFound("No app named " + name);
        }
        return new RegisteredApp(app, secret);
    }

    public App get(String name) {
        return apps.find(name).orElseThrow(() -> ApiException.notFound("No app named " + name));
    }

    public List<App> list() {
        return apps.list();
    }

    public void delete(String name) {
        if (!apps.delete(name)) {
            throw ApiException.notFound("No app named " + name);
        }
    }

    private String encryptSecret(String name, String secret) {
        return box.encrypt(secret.getBytes(StandardCharsets.UTF_8), "app:" + name);
    }

    private App validate(String name, AppSpec req) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (name == null || !NAME.matcher(name).matches()) {
            errors.put("name", "must be 1-63 characters: lower-case letters, digits, '.', '_' or '-'");
        }
        String source = req.sourcePath();
        if (source == null || source.isBlank()) {
            errors.put("source_path", "is required");
        } else if (!Path.of(source).isAbsolute()) {
            errors.put("source_path", "must be an absolute path");
        } else if (!Files.isDirectory(Path.of(source))) {
            errors.put("source_path", "is not a directory on the deployment host");
        }
        if (req.composeFile() != null
                && (req.composeFile().contains("..")
                        || Path.of(req.composeFile()).isAbsolute())) {
            errors.put("compose_file", "must be a relative path inside source_path");
        }
        if (req.healthUrl() != null) {
            try {
                URI uri = new URI(req.healthUrl());
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    errors.put("health_url", "must be an http(s) URL");
                }
            } catch (Exception e) {
                errors.put("health_url", "must be an http(s) URL");
            }
        }
        int timeout = req.healthTimeoutSeconds() == null ? 60 : req.healthTimeoutSeconds();
        if (timeout < 1 || timeout > 3600) {
            errors.put("health_timeout_seconds", "must be between 1 and 3600");
        }
        if (req.python() != null && !PYTHON.matcher(req.python()).matches()) {
            errors.put("python", "must be an interpreter name or path");
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation("Invalid app", errors);
        }
        List<String> argv = CommandLine.from(req.startCommand());
        return new App(
                name,
                Path.of(source).normalize().toString(),
                req.composeFile(),
                argv,
                req.healthUrl(),
                timeout,
                req.python());
    }
}
