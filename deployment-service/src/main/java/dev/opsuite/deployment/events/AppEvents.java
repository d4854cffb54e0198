package dev.opsuite.deployment.events;

import dev.opsuite.common.events.CloudEvents;
import dev.opsuite.common.outbox.Outbox;
import dev.opsuite.common.outbox.OutboxMessage;
import dev.opsuite.deployment.domain.App;
import dev.opsuite.events.v1.DeploymentApp;
import dev.opsuite.events.v1.DeploymentAppRegistered;
import dev.opsuite.events.v1.DeploymentAppRemoved;
import dev.opsuite.events.v1.DeploymentAppUpdated;
import dev.opsuite.events.v1.DeploymentEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.function.Consumer;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The app registry's events on {@code deployment.events.v1} ({@code app_registered}, {@code
 * app_updated}, {@code app_removed}; record key and subject = the app's name), written to the outbox in
 * the caller's Hibernate Reactive transaction. The webhook secret never travels.
 */
@ApplicationScoped
public class AppEvents {
    private final CloudEvents cloudEvents;
    private final Outbox outbox;

    public AppEvents(CloudEvents cloudEvents, Outbox outbox) {
        this.cloudEvents = cloudEvents;
        this.outbox = outbox;
    }

    public Uni<Void> registered(Mutiny.Session session, App app, String actor) {
        return emit(
                session,
                "app_registered",
                app.name(),
                "app " + app.name() + " registered",
                actor,
                b -> b.setAppRegistered(DeploymentAppRegistered.newBuilder().setDefinition(definition(app))));
    }

    public Uni<Void> updated(Mutiny.Session session, App app, boolean secretRotated, String actor) {
        return emit(
                session,
                "app_updated",
                app.name(),
                "app " + app.name() + " updated" + (secretRotated ? " (webhook secret rotated)" : ""),
                actor,
                b -> b.setAppUpdated(DeploymentAppUpdated.newBuilder()
                        .setDefinition(definition(app))
                        .setWebhookSecretRotated(secretRotated)));
    }

    public Uni<Void> removed(Mutiny.Session session, String name, int stoppedInstances, String actor) {
        return emit(
                session,
                "app_removed",
                name,
                "app " + name + " removed",
                actor,
                b -> b.setAppRemoved(
                        DeploymentAppRemoved.newBuilder().setName(name).setStoppedInstances(stoppedInstances)));
    }

    private Uni<Void> emit(
            Mutiny.Session session,
            String kind,
            String name,
            String message,
            String actor,
            Consumer<DeploymentEvent.Builder> details) {
        DeploymentEvent.Builder b = DeploymentEvent.newBuilder()
                .setApp(name)
                .setMessage(message)
                .setOccurredAt(DeploymentEvents.ts(OffsetDateTime.now()))
                .setInitiator(actor == null ? "" : actor);
        details.accept(b);
        return outbox.enqueue(
                session, OutboxMessage.of(DeploymentEvents.TOPIC, cloudEvents.create(kind, name), b.build()));
    }

    private static DeploymentApp definition(App app) {
        DeploymentApp.Builder d = DeploymentApp.newBuilder()
                .setName(app.name())
                .setSourcePath(app.sourcePath())
                .setHealthTimeoutSeconds(app.healthTimeoutSeconds());
        if (app.composeFile() != null) {
            d.setComposeFile(app.composeFile());
        }
        if (app.startCommand() != null) {
            d.addAllStartCommand(app.startCommand());
        }
        if (app.healthUrl() != null) {
            d.setHealthUrl(app.healthUrl());
        }
        if (app.python() != null) {
            d.setPython(app.python());
        }
        return d.build();
    }
}
