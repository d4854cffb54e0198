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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Watches every registered cluster and publishes {@code pve.events.v1} through the outbox: node
 * online/offline changes, tasks started and finished, and a periodic node inventory (name, IP from
 * /cluster/status, online) for automation-service. Only the replica holding the
 * {@code pve-poller} lease polls; the others stand by and take over when it stops renewing. What it
 * saw is stored with the events it publishes, under the lease, so the replica taking over goes on
 * from there: what happened while nobody polled is reported once, and nothing twice.
 */
@ApplicationScoped
public class PvePoller {
    private static final Logger LOG = Logger.getLogger(PvePoller.class);
    static final String LEASE = "pve-poller";
    static final String TOPIC = "pve.events.v1";

    private final PveQueries queries;
    private final PollerLease lease;
    private final ObservationStore store;
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
            ObservationStore store,
            Outbox outbox,
            CloudEvents cloudEvents,
            Pool pool,
            PveConfig config) {
        this.queries = queries;
        this.lease = lease;
        this.store = store;
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
        ClusterObservation known = observations.get(cluster);
        Uni<ClusterObservation> observation = known != null
                ? Uni.createFrom().item(known)
                : store.load(cluster)
                        .map(stored ->
                                observations.computeIfAbsent(cluster, k -> stored.orElseGet(ClusterObservation::new)));
        return observation
                .chain(seen -> poll(target, seen))
                .onFailure()
                // what this round changed in memory was not committed: start again from the stored observation
                .invoke(() -> observations.remove(cluster));
    }

    private Uni<Void> poll(Target target, ClusterObservation seen) {
        String cluster = target.cluster().name();
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
            Set<String> listed = new HashSet<>();
            return tasks(target, online, seen, events, listed).chain(() -> {
                seen.baseline = false;
                return commit(cluster, seen, events, listed, new HashSet<>(online));
            });
        });
    }

    private Uni<Void> tasks(
            Target target, List<String> nodes, ClusterObservation seen, List<PveEvent> events, Set<String> listed) {
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
                            JsonObject task = list.getJsonObject(i);
                            observe(target.cluster().name(), task, seen, events);
                            if (task.getString("upid") != null) {
                                listed.add(task.getString("upid"));
                            }
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

    /**
     * Publishes the round's events and stores the observation they came from, in one transaction, only
     * while this replica holds the lease and only if no other replica stored a newer observation
     * since (a holder that paused past its lease and got it back must not report from its stale copy:
     * the transaction is rolled back and the next round starts from the stored one).
     */
    private Uni<Void> commit(
            String cluster, ClusterObservation seen, List<PveEvent> events, Set<String> listed, Set<String> polled) {
        String nodes = ClusterObservation.nodesJson(seen);
        String tasks = ClusterObservation.tasksJson(seen, listed, polled);
        String observed = nodes + tasks;
        if (events.isEmpty() && observed.equals(seen.stored)) {
            return Uni.createFrom().voidItem();
        }
        return pool.withTransaction(tx -> lease.holds(tx, LEASE, holder).chain(held -> {
                    if (!held) {
                        return Uni.createFrom()
                                .failure(new IllegalStateException("lost the poller lease before publishing"));
                    }
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (PveEvent e : events) {
                        OutboxMessage message = OutboxMessage.of(TOPIC, cloudEvent(e), e);
                        chain = chain.chain(() -> outbox.enqueue(tx, message));
                    }
                    return chain.chain(() -> store.save(tx, cluster, seen.version, nodes, tasks))
                            .chain(saved -> saved
                                    ? Uni.createFrom().voidItem()
                                    : Uni.createFrom()
                                            .failure(new IllegalStateException("another replica polled " + cluster
                                                    + " since this one last did: reloading what it saw")));
                }))
                .invoke(() -> {
                    seen.stored = observed;
                    seen.version++;
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
