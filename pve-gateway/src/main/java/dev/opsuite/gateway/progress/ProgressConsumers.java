package dev.opsuite.gateway.progress;

import dev.opsuite.common.inbox.EventConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Feeds the progress WebSocket from the suite's event topics. Each replica reads with a consumer
 * group of its own (every replica must see every event for its own sockets); a record that cannot
 * be parsed goes to the consumer's DLQ and the stream goes on.
 */
@ApplicationScoped
public class ProgressConsumers {
    static final String DEPLOYMENTS = "gateway-progress-deployments";
    static final String AUTOMATION = "gateway-progress-automation";
    static final String PVE = "gateway-progress-pve";

    private final EventConsumer consumer;
    private final ProgressHub hub;

    public ProgressConsumers(EventConsumer consumer, ProgressHub hub) {
        this.consumer = consumer;
        this.hub = hub;
    }

    @Incoming("progress-deployments")
    public Uni<Void> deployments(Message<byte[]> message) {
        return consumer.handle(DEPLOYMENTS, message, event -> {
            hub.publish(ProgressEvents.fromDeployment(event.payload()));
            return Uni.createFrom().voidItem();
        });
    }

    @Incoming("progress-automation")
    public Uni<Void> automation(Message<byte[]> message) {
        return consumer.handle(AUTOMATION, message, event -> {
            hub.publish(ProgressEvents.fromAutomation(event.payload()));
            return Uni.createFrom().voidItem();
        });
    }

    @Incoming("progress-pve")
    public Uni<Void> pve(Message<byte[]> message) {
        return consumer.handle(PVE, message, event -> {
            ProgressEvents.fromPve(event.payload()).ifPresent(hub::publish);
            return Uni.createFrom().voidItem();
        });
    }
}
