package dev.opsuite.automation.inventory;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.opsuite.common.inbox.EventConsumer;
import dev.opsuite.common.inbox.Inbox;
import dev.opsuite.common.inbox.PoisonMessageException;
import dev.opsuite.common.inbox.ReceivedEvent;
import dev.opsuite.events.v1.PveEvent;
import dev.opsuite.events.v1.PveNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Learns nodes from pve-gateway's node inventory events, exactly once per event (the inbox row and the
 * inventory change commit in one Hibernate Reactive transaction). Other PVE events are acknowledged
 * without a write; an unreadable record goes to {@code automation-pve-inventory.dlq.v1}.
 */
@ApplicationScoped
public class PveInventoryConsumer {
    static final String CONSUMER = "automation-pve-inventory";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:-]{0,252}");

    private final EventConsumer consumer;
    private final Inbox inbox;
    private final InventoryLearner learner;

    public PveInventoryConsumer(EventConsumer consumer, Inbox inbox, InventoryLearner learner) {
        this.consumer = consumer;
        this.inbox = inbox;
        this.learner = learner;
    }

    @Incoming("pve-events")
    public Uni<Void> consume(Message<byte[]> message) {
        return consumer.handle(CONSUMER, message, this::apply);
    }

    Uni<?> apply(ReceivedEvent received) {
        PveEvent event;
        try {
            event = PveEvent.parseFrom(received.payload());
        } catch (InvalidProtocolBufferException e) {
            throw new PoisonMessageException("not a PveEvent: " + e.getMessage());
        }
        if (!event.hasNodeInventory()) {
            return Uni.createFrom().voidItem();
        }
        if (!NAME.matcher(event.getCluster()).matches()) {
            throw new PoisonMessageException("node inventory with an invalid cluster name");
        }
        List<InventoryLearner.SeenNode> nodes = new ArrayList<>();
        for (PveNode n : event.getNodeInventory().getNodesList()) {
            if (!NAME.matcher(n.getName()).matches() || !HOST.matcher(n.getIp()).matches()) {
                throw new PoisonMessageException("node inventory with an invalid node name or ip: " + n.getName());
            }
            nodes.add(new InventoryLearner.SeenNode(n.getName(), n.getIp(), n.getOnline()));
        }
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> inbox.applyOnce(
                        session, CONSUMER, received.event().id(), () -> learner.learn(event.getCluster(), nodes))));
    }
}
