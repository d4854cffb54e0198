package dev.opsuite.telemetry.events;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.opsuite.common.inbox.EventConsumer;
import dev.opsuite.common.inbox.Inbox;
import dev.opsuite.common.inbox.PoisonMessageException;
import dev.opsuite.common.inbox.ReceivedEvent;
import dev.opsuite.events.v1.DeploymentEvent;
import dev.opsuite.telemetry.domain.DeploymentExecutions;
import dev.opsuite.telemetry.domain.DeploymentStore;
import dev.opsuite.telemetry.domain.Execution;
import dev.opsuite.telemetry.domain.Transactions;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Records each finished deployment of the suite as a telemetry execution, exactly once per event
 * (inbox row and execution row commit together), so the suite's own deployments show in the
 * statistics. Events that are not deployment finishes are acknowledged without a write.
 *
 * <p>The transaction is JDBC, like every other writer of {@code executions} and the rollups: the
 * ingest consumer's batches need JDBC for speed, and one stack per table keeps a single transaction
 * idiom and pool for them. The frame around it stays reactive (retries, dead-lettering); the
 * blocking transaction runs on a worker thread, never on the event loop, and awaits nothing reactive.
 */
@ApplicationScoped
public class DeploymentEventsConsumer {
    static final String CONSUMER = "telemetry-deployments";
    private static final Logger LOG = Logger.getLogger(DeploymentEventsConsumer.class);

    private final EventConsumer consumer;
    private final Inbox inbox;
    private final Transactions transactions;
    private final DeploymentStore deployments;

    public DeploymentEventsConsumer(
            EventConsumer consumer, Inbox inbox, Transactions transactions, DeploymentStore deployments) {
        this.consumer = consumer;
        this.inbox = inbox;
        this.transactions = transactions;
        this.deployments = deployments;
    }

    @Incoming("deployment-events")
    public Uni<Void> consume(Message<byte[]> message) {
        return consumer.handle(CONSUMER, message, this::apply);
    }

    Uni<?> apply(ReceivedEvent received) {
        Execution execution = parse(received);
        if (execution == null) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom()
                .item(() -> record(received, execution))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .invoke(applied -> LOG.debugf(
                        "deployment %s finished (%s): %s",
                        execution.executionId(), execution.status().value(), applied ? "recorded" : "already applied"));
    }

    private boolean record(ReceivedEvent received, Execution execution) {
        return transactions.run(
                "recording deployment " + execution.executionId(),
                c -> inbox.applyOnce(
                        c, CONSUMER, received.event().id(), () -> deployments.recordFinished(c, execution)));
    }

    private static Execution parse(ReceivedEvent received) {
        try {
            return DeploymentExecutions.from(
                    DeploymentEvent.parseFrom(received.payload()), OffsetDateTime.now(ZoneOffset.UTC));
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            throw new PoisonMessageException("not a valid DeploymentEvent: " + e.getMessage());
        }
    }
}
