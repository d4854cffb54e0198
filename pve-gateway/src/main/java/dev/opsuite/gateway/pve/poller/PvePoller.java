package dev.opsuite.gateway.pve.poller;

import com.google.protobuf.Timestamp;
import dev.opsuite.common.events.CloudEvent;
import dev.opsuite.common.events.CloudEvents;
import dev.opsuite.common.outbox.Outbox;
import dev.opsuite.common.outbox.OutboxMessage;
import dev.opsuite.events.v1.PveEvent;
import dev.opsuite.events.v1.PveNode;
import dev.opsuite.events.v1.PveNodeInventory;
import dev.opsuite.events.v1.PveNodeStatusChanged;
import dev.opsuite.events.v1.PveTaskFinished;
import dev.opsuite.events.v1.PveTaskStarted;
import dev.opsuite.gateway.pve.PveConfig;
import dev.opsuite.gateway.pve.cluster.ClusterRegistry.Target;
import dev.opsuite.gateway.pve.suite.PveQueries;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Watches every registered cluster and publishes {@code pve.events.v1} through the outbox: node
 * online/offline changes, tasks started and finished, and a periodic node inventory (name, IP from
 * /cluster/status, online) for automation-service. Only the replica holding the
 * {@code pve-poller} lease polls; the others stand by and take over when it stops renewing.
 */
@ApplicationScoped
public class PvePoller {
    private static final Logger LOG = Logger.getLogger(PvePoller.class);
    static final String LEASE = "pve-poller";
    static final String TOPIC = "pve.events.v1";

    private final PveQueries queries;
    private final PollerLease lease;
    private final Outbox outbox;
    private final CloudEvents cloudEvents;
    private final Pool pool;
    private final PveConfig.Poller config;
    private final String holder = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final Map<String, ClusterObservation> observations = new ConcurrentHashMap<>();
    private volatile boolean leader;
    private volatile boolean stopping;

    public PvePoller(
            PveQueries queries,
            PollerLease lease,
            Outbox outbox,
            CloudEvents cloudEvents,
            Pool pool,
            PveConfig config) {
        this.queries = queries;
        this.lease = lease;
        this.outbox = outbox;
        this.cloudEvents = cloudEvents;
        this.pool = pool;
        this.config = config.poller();
    }

    public boolean isLeader() {
        return leader;
    }

    public String holder() {
        return holder;
    }

    @Scheduled(
            every = "${opsuite.pve.poller.interval:10s}",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (!config.enabled() || stopping) {
            return Uni.createFrom().voidItem();
        }
        return lease.acquire(LEASE, holder, config.leaseTtl())
                .chain(held -> {
                    if (held != leader) {
                        LOG.infof("PVE poller %s: %s the lease", holder, held ? "took" : "lost");
                        observations.clear();
                    }
                    leader = held;
                    return held ? pollAll() : Uni.createFrom().voidItem();
                })
                .onFailure()
                .invoke(e -> LOG.warnf("PVE poller tick failed: %s", e.getMessage()))
                .onFailure()
                .recoverWithNull();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (leader) {
            lease.release(LEASE, holder).await().indefinitely();
        }
    }

    private Uni<Void> pollAll() {
        List<Uni<Void>> work = new ArrayList<>();
        for (Target t : queries.targets(null)) {
            work.add(poll(t).onFailure()
                    .invoke(e ->
                            LOG.warnf("PVE poller: cluster %s: %s", t.cluster().name(), PveQueries.describe(e)))
                    .onFailure()
                    .recoverWithNull());
        }
        return work.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join().all(work).andCollectFailures().replaceWithVoid();
    }

    private Uni<Void> poll(Target target) {
        String cluster = target.cluster().name();
        ClusterObservation seen = observations.computeIfAbsent(cluster, k -> new ClusterObservation());
        return queries.array(target, "/cluster/status").chain(status -> {
            List<PveEvent> events = new ArrayList<>();
            List<PveNode> inventory = new ArrayList<>();
            List<String> online = new ArrayList<>();
            for (Object o : status) {
                JsonObject e = (JsonObject) o;
                if (!"node".equals(e.getString("type"))) {
                    continue;
                }
                String node = e.getString("name");
                boolean up = Integer.valueOf(1).equals(e.getInteger("online"));
                inventory.add(PveNode.newBuilder()
                        .setName(node)
                        .setIp(e.getString("ip", ""))
                        .setOnline(up)
                        .build());
                if (up) {
                    online.add(node);
                }
                Boolean before = seen.nodesOnline.put(node, up);
                if (!seen.baseline && (before == null || before != up)) {
                    events.add(event(cluster)
                            .setNodeStatusChanged(PveNodeStatusChanged.newBuilder()
                                    .setNode(node)
                                    .setOnline(up))
                            .build());
                }
            }
            long now = System.nanoTime();
            if (seen.baseline
                    || now - seen.lastInventoryNanos >= config.inventoryEvery().toNanos()) {
                seen.lastInventoryNanos = now;
                events.add(event(cluster)
                        .setNodeInventory(PveNodeInventory.newBuilder().addAllNodes(inventory))
                        .build());
            }
            return tasks(target, online, seen, events).chain(() -> {
                seen.baseline = false;
                return publish(events);
            });
        });
    }

    private Uni<Void> tasks(Target target, List<String> nodes, ClusterObservation seen, List<PveEvent> events) {
        List<Uni<JsonArray>> reads = new ArrayList<>();
        for (String node : nodes) {
            reads.add(queries.array(target, "/nodes/" + node + "/tasks?source=all&limit=50"));
        }
        if (reads.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join()
                .all(reads)
                .andCollectFailures()
                .invoke(lists -> {
                    for (JsonArray list : lists) {
                        // oldest first, so started comes before finished for the same poll
                        for (int i = list.size() - 1; i >= 0; i--) {
                            observe(target.cluster().name(), list.getJsonObject(i), seen, events);
                        }
                    }
                })
                .replaceWithVoid();
    }

    private void observe(String cluster, JsonObject task, ClusterObservation seen, List<PveEvent> events) {
        String upid = task.getString("upid");
        if (upid == null) {
            return;
        }
        String exit = task.getString("status");
        boolean known = seen.tasks.containsKey(upid);
        String before = seen.tasks.put(upid, exit);
        if (seen.baseline) {
            return;
        }
        if (!known) {
            events.add(event(cluster)
                    .setTaskStarted(PveTaskStarted.newBuilder()
                            .setNode(task.getString("node", ""))
                            .setUpid(upid)
                            .setTaskType(task.getString("type", ""))
                            .setUser(task.getString("user", ""))
                            .setStartedAt(timestamp(task.getLong("starttime", 0L))))
                    .build());
        }
        if (exit != null && (!known || before == null)) {
            events.add(event(cluster)
                    .setTaskFinished(PveTaskFinished.newBuilder()
                            .setNode(task.getString("node", ""))
                            .setUpid(upid)
                            .setTaskType(task.getString("type", ""))
                            .setStatus("stopped")
                            .setExitStatus(exit)
                            .setEndedAt(timestamp(task.getLong("endtime", 0L))))
                    .build());
        }
    }

    private Uni<Void> publish(List<PveEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(tx -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (PveEvent e : events) {
                OutboxMessage message = OutboxMessage.of(TOPIC, cloudEvent(e), e);
                chain = chain.chain(() -> outbox.enqueue(tx, message));
            }
            return chain;
        });
    }

    private CloudEvent cloudEvent(PveEvent e) {
        return switch (e.getKindCase()) {
            case NODE_STATUS_CHANGED ->
                cloudEvents.create(
                        "node_status_changed",
                        e.getCluster() + "/" + e.getNodeStatusChanged().getNode());
            case TASK_STARTED ->
                cloudEvents.create("task_started", e.getTaskStarted().getUpid());
            case TASK_FINISHED ->
                cloudEvents.create("task_finished", e.getTaskFinished().getUpid());
            case NODE_INVENTORY, KIND_NOT_SET -> cloudEvents.create("node_inventory", e.getCluster());
        };
    }

    private static PveEvent.Builder event(String cluster) {
        Instant now = Instant.now();
        return PveEvent.newBuilder()
                .setCluster(cluster)
                .setOccurredAt(
                        Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()));
    }

    private static Timestamp timestamp(long epochSeconds) {
        return Timestamp.newBuilder().setSeconds(epochSeconds).build();
    }
}
