package dev.opsuite.deployment.events;

import com.google.protobuf.Timestamp;
import dev.opsuite.common.events.CloudEvents;
import dev.opsuite.common.outbox.Outbox;
import dev.opsuite.common.outbox.OutboxMessage;
import dev.opsuite.common.persistence.BlockingSql;
import dev.opsuite.deployment.domain.Deployment;
import dev.opsuite.events.v1.DeploymentEvent;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.function.Consumer;

/**
 * Builds {@code DeploymentEvent}s and writes them to the outbox in the caller's transaction, so an
 * event exists exactly when its state change committed. Topic deployment.events.v1, key = deployment id.
 */
@ApplicationScoped
public class DeploymentEvents {
    public static final String TOPIC = "deployment.events.v1";

    private final CloudEvents cloudEvents;
    private final Outbox outbox;

    public DeploymentEvents(CloudEvents cloudEvents, Outbox outbox) {
        this.cloudEvents = cloudEvents;
        this.outbox = outbox;
    }

    /**
     * @param d    the deployment's state after the transition
     * @param kind accepted | step_started | step_finished | progressed | finished
     */
    public void emit(
            SqlClient tx, Deployment d, String kind, String message, Consumer<DeploymentEvent.Builder> details) {
        DeploymentEvent.Builder b = DeploymentEvent.newBuilder()
                .setDeploymentId(d.id())
                .setApp(d.app())
                .setEnvironment(d.environment())
                .setMode(d.mode().wire())
                .setStatus(d.status().proto())
                .setProgress((int) Math.round(d.progress()))
                .setStep(d.currentStep() == null ? "" : d.currentStep())
                .setMessage(message == null ? "" : message)
                .setOccurredAt(ts(OffsetDateTime.now()))
                .setInitiator(d.initiator());
        if (d.startTime() != null) {
            b.setStartedAt(ts(d.startTime()));
        }
        details.accept(b);
        BlockingSql.await(outbox.enqueue(tx, OutboxMessage.of(TOPIC, cloudEvents.create(kind, d.id()), b.build())));
    }

    public static Timestamp ts(OffsetDateTime t) {
        return Timestamp.newBuilder()
                .setSeconds(t.toEpochSecond())
                .setNanos(t.getNano())
                .build();
    }
}
