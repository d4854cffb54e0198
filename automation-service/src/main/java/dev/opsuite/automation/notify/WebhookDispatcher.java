package dev.opsuite.automation.notify;

import dev.opsuite.automation.AutomationConfig;
import dev.opsuite.automation.domain.Notification;
import dev.opsuite.automation.notify.NotificationSender.Attempt;
import dev.opsuite.common.crypto.SecretBox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Delivers queued webhook notifications from PostgreSQL, on every replica: each second it fans queued
 * task events out to the enabled subscriptions they match, then sends the due deliveries, oldest first.
 * A failed attempt is retried with exponential back-off (1 s, 2 s, 4 s … at most 10 min apart) up to
 * {@code webhook-attempts} times; then the delivery is {@code failed} with the last error. The
 * {@code webhook-id} stays the same across attempts, so receivers can drop duplicates.
 */
@ApplicationScoped
public class WebhookDispatcher {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final Duration DB = Duration.ofSeconds(30);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    private static final int BATCH = 50;

    private final WebhookStore store;
    private final NotificationSender sender;
    private final SecretBox secrets;
    private final AutomationConfig config;

    public WebhookDispatcher(
            WebhookStore store, NotificationSender sender, SecretBox secrets, AutomationConfig config) {
        this.store = store;
        this.sender = sender;
        this.secrets = secrets;
        this.config = config;
    }

    @Scheduled(every = "1s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @RunOnVirtualThread
    void tick() {
        try {
            dispatch();
        } catch (Throwable e) {
            LOG.warnf("webhook dispatch failed, trying again in a second: %s", e.getMessage());
        }
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @RunOnVirtualThread
    void purge() {
        store.purgeFinishedBefore(OffsetDateTime.now().minus(config.historyRetention()))
                .await()
                .atMost(DB);
    }

    /** One round: fan out what is queued, then one attempt at every due delivery. @return deliveries attempted */
    public int dispatch() throws Throwable {
        Map<Long, Notification> subscriptions = new HashMap<>();
        for (Notification n : VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> Notification.<Notification>list("enabled = true")))) {
            subscriptions.put(n.id, n);
        }
        while (store.fanOut(BATCH, e -> matching(subscriptions, e)).await().atMost(DB) > 0) {
            // keep going while a batch produced deliveries; an empty one means the queue is drained
        }
        int attempted = 0;
        List<WebhookDelivery> due;
        do {
            due = store.claimDue(BATCH, config.webhookLease()).await().atMost(DB);
            for (WebhookDelivery d : due) {
                Notification subscription = subscriptions.get(d.notificationId());
                if (subscription == null) {
                    // created (and fanned out to by another replica) after this round read the subscriptions
                    subscription = enabledSubscription(d.notificationId());
                    if (subscription != null) {
                        subscriptions.put(subscription.id, subscription);
                    }
                }
                attempt(d, subscription);
                attempted++;
            }
        } while (due.size() == BATCH);
        return attempted;
    }

    private static Notification enabledSubscription(long id) throws Throwable {
        Notification n = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> Notification.<Notification>findById(id)));
        return n != null && n.enabled ? n : null;
    }

    static List<Long> matching(Map<Long, Notification> subscriptions, WebhookEvent e) {
        List<Long> ids = new ArrayList<>();
        for (Notification n : subscriptions.values()) {
            if (matches(n, e)) {
                ids.add(n.id);
            }
        }
        ids.sort(Long::compare);
        return ids;
    }

    static boolean matches(Notification n, WebhookEvent e) {
        if (!List.of(n.events.split(",")).contains(e.event())) {
            return false;
        }
        if (n.kind != null && !n.kind.equals(e.kind())) {
            return false;
        }
        if (n.refId != null && !n.refId.equals(e.refId())) {
            return false;
        }
        return n.scheduleId == null || ("schedule:" + n.scheduleId).equals(e.userId());
    }

    private void attempt(WebhookDelivery d, Notification subscription) {
        int attempts = d.attempts() + 1;
        if (subscription == null) {
            store.gaveUp(d.id(), d.attempts(), "the subscription was disabled or deleted")
                    .await()
                    .atMost(DB);
            return;
        }
        Attempt result;
        try {
            String secret = new String(
                    secrets.decrypt(subscription.secretEnc, "notification:" + subscription.id), StandardCharsets.UTF_8);
            result = sender.send(subscription.url, secret, d.messageId(), d.body());
        } catch (RuntimeException e) {
            result = Attempt.retry(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (result.delivered()) {
            store.delivered(d.id(), attempts).await().atMost(DB);
        } else if (!result.retryable() || attempts >= config.webhookAttempts()) {
            LOG.warnf(
                    "webhook %s of task %s to subscription %s given up after %d attempt(s): %s",
                    d.messageId(), d.taskId(), subscription.name, attempts, result.error());
            store.gaveUp(d.id(), attempts, result.error()).await().atMost(DB);
        } else {
            store.retryAt(d.id(), attempts, result.error(), OffsetDateTime.now().plus(backoff(attempts)))
                    .await()
                    .atMost(DB);
        }
    }

    /** 1 s after the first failure, doubling, at most {@link #MAX_BACKOFF}. */
    static Duration backoff(int attempts) {
        long seconds = 1L << Math.min(20, attempts - 1);
        Duration d = Duration.ofSeconds(seconds);
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }
}
