package dev.opsuite.gateway.progress;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Who watches what on this replica, and the latest state of each recent task: events from Kafka
 * go to the sockets subscribed to their task or topic; a new task subscription first gets the
 * task's latest state, so a completion that happened before the subscribe is not missed. A socket
 * that does not keep up (too many unwritten messages) is closed instead of buffering without bound.
 */
@ApplicationScoped
public class ProgressHub {
    private static final Logger LOG = Logger.getLogger(ProgressHub.class);
    /** 1008 policy violation: the client did not read fast enough. */
    static final CloseReason TOO_SLOW = new CloseReason(1008, "client too slow: messages were dropped");

    static final class Subscriber {
        final WebSocketConnection connection;
        final Set<String> tasks = ConcurrentHashMap.newKeySet();
        final Set<String> topics = ConcurrentHashMap.newKeySet();
        final AtomicInteger pending = new AtomicInteger();
        volatile boolean dropped;

        Subscriber(WebSocketConnection connection) {
            this.connection = connection;
        }
    }

    private final Map<String, Subscriber> connections = new ConcurrentHashMap<>();
    private final Map<String, Set<Subscriber>> byTask = new ConcurrentHashMap<>();
    private final Map<String, Set<Subscriber>> byTopic = new ConcurrentHashMap<>();
    private final Map<String, ProgressMessage> latest;
    private final ProgressConfig config;

    public ProgressHub(ProgressConfig config) {
        this.config = config;
        int retained = config.retainedTasks();
        this.latest = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ProgressMessage> eldest) {
                return size() > retained;
            }
        });
    }

    void open(WebSocketConnection connection) {
        connections.put(connection.id(), new Subscriber(connection));
    }

    void close(WebSocketConnection connection) {
        Subscriber s = connections.remove(connection.id());
        if (s == null) {
            return;
        }
        s.tasks.forEach(t -> remove(byTask, t, s));
        s.topics.forEach(t -> remove(byTopic, t, s));
    }

    /** @return false when the connection holds too many subscriptions already */
    boolean subscribeTask(WebSocketConnection connection, String taskId) {
        Subscriber s = connections.get(connection.id());
        if (s == null) {
            return false;
        }
        if (!s.tasks.contains(taskId) && s.tasks.size() + s.topics.size() >= config.maxSubscriptionsPerConnection()) {
            return false;
        }
        s.tasks.add(taskId);
        byTask.computeIfAbsent(taskId, k -> ConcurrentHashMap.newKeySet()).add(s);
        Optional.ofNullable(latest.get(taskId)).ifPresent(m -> send(s, m.toJson()));
        return true;
    }

    void unsubscribeTask(WebSocketConnection connection, String taskId) {
        Subscriber s = connections.get(connection.id());
        if (s != null && s.tasks.remove(taskId)) {
            remove(byTask, taskId, s);
        }
    }

    boolean subscribeTopic(WebSocketConnection connection, String topic) {
        Subscriber s = connections.get(connection.id());
        if (s == null) {
            return false;
        }
        if (!s.topics.contains(topic) && s.tasks.size() + s.topics.size() >= config.maxSubscriptionsPerConnection()) {
            return false;
        }
        s.topics.add(topic);
        byTopic.computeIfAbsent(topic, k -> ConcurrentHashMap.newKeySet()).add(s);
        return true;
    }

    void unsubscribeTopic(WebSocketConnection connection, String topic) {
        Subscriber s = connections.get(connection.id());
        if (s != null && s.topics.remove(topic)) {
            remove(byTopic, topic, s);
        }
    }

    /** An event from Kafka: remember it as the task's latest state and fan it out. */
    public void publish(ProgressMessage message) {
        ProgressMessage previous = latest.get(message.taskId());
        // a late non-final event never replaces a task's final state
        if (previous == null || !previous.isFinal() || message.isFinal()) {
            latest.put(message.taskId(), message);
        }
        String json = message.toJson();
        Set<Subscriber> sent = new HashSet<>();
        for (Subscriber s : byTask.getOrDefault(message.taskId(), Set.of())) {
            if (sent.add(s)) {
                send(s, json);
            }
        }
        for (Subscriber s : byTopic.getOrDefault(message.topic(), Set.of())) {
            if (sent.add(s)) {
                send(s, json);
            }
        }
    }

    public Optional<ProgressMessage> latest(String taskId) {
        return Optional.ofNullable(latest.get(taskId));
    }

    public int connectionCount() {
        return connections.size();
    }

    private void send(Subscriber s, String json) {
        if (s.dropped) {
            return;
        }
        if (s.pending.incrementAndGet() > config.maxPendingPerConnection()) {
            s.dropped = true;
            LOG.warnf(
                    "progress socket %s dropped: more than %d unwritten messages",
                    s.connection.id(), config.maxPendingPerConnection());
            s.connection.close(TOO_SLOW).subscribe().with(v -> {}, e -> {});
            close(s.connection);
            return;
        }
        s.connection
                .sendText(json)
                .subscribe()
                .with(v -> s.pending.decrementAndGet(), e -> s.pending.decrementAndGet());
    }

    private static void remove(Map<String, Set<Subscriber>> index, String key, Subscriber s) {
        index.computeIfPresent(key, (k, set) -> {
            set.remove(s);
            return set.isEmpty() ? null : set;
        });
    }
}
