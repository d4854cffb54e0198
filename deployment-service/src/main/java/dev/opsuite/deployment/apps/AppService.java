package dev.opsuite.deployment.apps;

import dev.opsuite.common.crypto.SecretBox;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.deployment.domain.App;
import dev.opsuite.deployment.domain.WebhookSecrets;
import dev.opsuite.deployment.events.AppEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.hibernate.exception.ConstraintViolationException;

/**
 * The app registry, reactive end to end (Hibernate Reactive Panache): every change commits together
 * with its event on {@code deployment.events.v1} (outbox row in the same {@code Mutiny.Session}
 * transaction). Validation checks the source directory with a few stat calls on the event loop (it
 * is a local directory of this host, as deployments need).
 */
@ApplicationScoped
public class AppService {
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern PYTHON = Pattern.compile("[A-Za-z0-9._/+-]{1,200}");

    private final AppRepository apps;
    private final AppEvents events;
    private final SecretBox box;

    public AppService(AppRepository apps, AppEvents events, SecretBox box) {
        this.apps = apps;
        this.events = events;
        this.box = box;
    }

    /** @param actor who registers it (the event's initiator) */
    public Uni<RegisteredApp> register(AppSpec spec, String actor) {
        return Uni.createFrom().item(() -> validate(spec.name(), spec)).chain(app -> {
            String secret = WebhookSecrets.generate();
            return Panache.withTransaction(() -> apps.findById(app.name()).chain(existing -> {
                        if (existing != null) {
                            return Uni.createFrom().failure(taken(app.name()));
                        }
                        return apps.persist(AppEntity.of(app, encryptSecret(app.name(), secret)))
                                .call(apps::flush)
                                .chain(Panache::getSession)
                                .chain(session -> events.registered(session, app, actor));
                    }))
                    .onFailure(AppService::isUniqueViolation)
                    .transform(e -> taken(app.name()))
                    .replaceWith(new RegisteredApp(app, secret));
        });
    }

    /** The new definition replaces the old one; a new webhook secret only when asked for. */
    public Uni<RegisteredApp> update(String name, AppSpec spec, String actor) {
        return Uni.createFrom()
                .item(() -> {
                    if (spec.name() != null && !spec.name().equals(name)) {
                        throw ApiException.validation("name cannot be changed", Map.of("name", "must match the path"));
                    }
                    return validate(name, spec);
                })
                .chain(app -> {
                    String secret = spec.rotateWebhookSecret() ? WebhookSecrets.generate() : null;
                    return Panache.withTransaction(() -> apps.findById(name).chain(entity -> {
                                if (entity == null) {
                                    return Uni.createFrom().failure(notFound(name));
                                }
                                entity.update(app, secret == null ? null : encryptSecret(name, secret));
                                return apps.flush()
                                        .chain(Panache::getSession)
                                        .chain(session -> events.updated(session, app, secret != null, actor));
                            }))
                            .replaceWith(new RegisteredApp(app, secret));
                });
    }

    public Uni<App> get(String name) {
        return Panache.withSession(() -> apps.findById(name)).map(e -> {
            if (e == null) {
                throw notFound(name);
            }
            return e.toApp();
        });
    }

    public Uni<List<App>> list() {
        return Panache.withSession(apps::listByName)
                .map(rows -> rows.stream().map(AppEntity::toApp).toList());
    }

    /** Deletes the registration with its event; 404 when it is already gone. */
    Uni<Void> delete(String name, int stoppedInstances, String actor) {
        return Panache.withTransaction(() -> apps.deleteById(name).chain(deleted -> {
            if (!deleted) {
                return Uni.createFrom().failure(notFound(name));
            }
            return Panache.getSession().chain(session -> events.removed(session, name, stoppedInstances, actor));
        }));
    }

    /** SecretBox context of an app's webhook secret: a ciphertext only decrypts for its own app. */
    static String secretContext(String name) {
        return "app:" + name;
    }

    private String encryptSecret(String name, String secret) {
        return box.encrypt(secret.getBytes(StandardCharsets.UTF_8), secretContext(name));
    }

    private static ApiException taken(String name) {
        return ApiException.conflict("app_exists", "An app named " + name + " is already registered");
    }

    static ApiException notFound(String name) {
        return ApiException.notFound("No app named " + name);
    }

    /** Two registrations of one name at once: the second insert hits the primary key. */
    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException
                    || (t instanceof PgException pg && "23505".equals(pg.getSqlState()))) {
                return true;
            }
        }
        return false;
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
