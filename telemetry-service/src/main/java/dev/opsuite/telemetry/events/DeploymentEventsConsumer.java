package dev.opsuite.telemetry.events;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.opsuite.common.inbox.EventConsumer;
import dev.opsuite.common.inbox.Inbox;
import dev.opsuite.common.inbox.PoisonMessageException;
import dev.opsuite.common.inbox.ReceivedEvent;
import dev.opsuite.events.v1.DeploymentEvent;
import dev.opsuite.telemetry.domain.DeploymentExecution;
import dev.opsuite.telemetry.domain.ExecutionStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Records each finished deployment of the suite as a telemetry execution, exactly once per event
 * (inbox row and execution row commit together), so the suite's own deployments show in the
 * statistics. Events that are not deployment finishes are acknowledged without a write.
 */
@ApplicationScoped
public class DeploymentEventsConsumer {
    static final String CONSUMER = "telemetry-deployments";
    private static final Logger LOG = Logger.getLogger(DeploymentEventsConsumer.class);

    private final EventConsumer consumer;
    private final Inbox inbox;
    private final ExecutionStore executions;
    private final Pool pool;

    public DeploymentEventsConsumer(EventConsumer consumer, Inbox inbox, ExecutionStore executions, Pool pool) {
        this.consumer = consumer;
        this.inbox = inbox;
        this.executions = executions;
        this.pool = pool;
    }

    @Incoming("deployment-events")
    public Uni<Void> consume(Message<byte[]> message) {
        return consumer.handle(CONSUMER, message, this::apply);
    }

    Uni<?> apply(ReceivedEvent received) {
        DeploymentExecution execution = parse(received);
        if (execution == null) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(connection -> inbox.applyOnce(
                        connection,
                        CONSUMER,
                        received.event().id(),
                        () -> executions.recordFinished(connection, execution)))
                .invoke(applied -> LOG.debugf(
                        "deployment %s finished (%s): %s",
                        execution.executionId(), execution.status(), applied ? "recorded" : "already applied"));
    }

    private static DeploymentExecution parse(ReceivedEvent received) {
        try {
            return DeploymentExecution.from(DeploymentEvent.parseFrom(received.payload()));
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            throw new PoisonMessageException("not a valid DeploymentEvent: " + e.getMessage());
        }
    }
}
