package dev.opsuite.deployment.apps;

import dev.opsuite.common.crypto.SecretBox;
import dev.opsuite.deployment.domain.App;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The registry for blocking code on virtual threads (deployment runs, request validation, the webhook
 * dispatcher): Hibernate Reactive runs on a Vert.x context that {@code VertxContextSupport} provides,
 * and the calling thread waits for the result. Never call it from an event loop.
 */
@ApplicationScoped
public class AppLookup {
    private final AppRepository repo;
    private final SecretBox box;

    public AppLookup(AppRepository repo, SecretBox box) {
        this.repo = repo;
        this.box = box;
    }

    public Optional<App> find(String name) {
        return Optional.ofNullable(
                await(() -> Panache.withSession(() -> repo.findById(name)).map(e -> e == null ? null : e.toApp())));
    }

    /** The app's webhook secret in clear, for signing its deployments' webhooks. */
    public Optional<String> webhookSecret(String name) {
        return Optional.ofNullable(await(() ->
                        Panache.withSession(() -> repo.findById(name)).map(e -> e == null ? null : e.webhookSecret())))
                .map(ct -> new String(box.decrypt(ct, AppService.secretContext(name)), StandardCharsets.UTF_8));
    }

    /** Runs a Panache pipeline on a Vert.x context and waits for it on this (virtual) thread. */
    static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
