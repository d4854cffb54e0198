package dev.opsuite.l10n.webhooks;

import dev.opsuite.common.concurrent.WakeableLoop;
import dev.opsuite.common.crypto.SecretBox;
import dev.opsuite.common.net.OutboundUrlGuard;
import dev.opsuite.common.net.UnsafeUrlException;
import dev.opsuite.common.net.VettedUrl;
import dev.opsuite.common.webhooks.StandardWebhooks;
import dev.opsuite.common.webhooks.WebhookPoster;
import dev.opsuite.l10n.L10nConfig;
import dev.opsuite.l10n.db.Jdbc;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Delivers queued webhook messages: claims due ones with FOR UPDATE SKIP LOCKED (replicas share the
 * work) and pushes their next attempt out by a lease, re-vets the URL, signs (Standard Webhooks),
 * sends, and retries timeouts, 408, 429 and 5xx with exponential back-off and jitter up to
 * {@code l10n.webhooks.max-attempts}.
 */
@ApplicationScoped
public class WebhookDispatcher {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final long LEASE_MILLIS = 120_000;

    private record Due(String id, String webhookUid, String url, String secret, String body, int attempts) {}

    private final Jdbc jdbc;
    private final OutboundUrlGuard guard;
    private final SecretBox box;
    private final WebhookPoster poster;
    private final L10nConfig config;
    private final WakeableLoop loop =
            new WakeableLoop("l10n-webhook-dispatcher", Duration.ofMillis(500), this::dispatchDue);
    private final SecureRandom random = new SecureRandom();

    public WebhookDispatcher(Jdbc jdbc, OutboundUrlGuard guard, SecretBox box, Vertx vertx, L10nConfig config) {
        this.jdbc = jdbc;
        this.guard = guard;
        this.box = box;
        this.poster = new WebhookPoster(vertx, config.webhooks().timeout(), 10, "opsuite-l10n-webhooks/1");
        this.config = config;
    }

    void start(@Observes StartupEvent ev) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent ev) {
        loop.stop();
    }

    public void pokeSoon() {
        loop.wake();
    }

    private void dispatchDue() {
        for (Due due : claim()) {
            Thread.ofVirtual().start(() -> deliver(due));
        }
    }

    private List<Due> claim() {
        return jdbc.tx(c -> {
            List<Due> due = Jdbc.query(
                    c,
                    "SELECT m.id, m.webhook_uid, w.url, w.secret, m.body, m.attempts FROM webhook_messages m "
                            + "JOIN webhooks w ON w.uid = m.webhook_uid WHERE m.state = 'pending' AND m.next_attempt_at <= now() "
                            + "ORDER BY m.next_attempt_at LIMIT 20 FOR UPDATE OF m SKIP LOCKED",
                    rs -> new Due(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getInt(6)));
            for (Due d : due) {
                // a lease: if this instance dies mid-delivery another one retries after it
                Jdbc.update(
                        c,
                        "UPDATE webhook_messages SET next_attempt_at = now() + ? * interval '1 millisecond' WHERE id = ?",
                        LEASE_MILLIS,
                        d.id());
            }
            return due;
        });
    }

    private void deliver(Due due) {
        int attempt = due.attempts() + 1;
        Integer status = null;
        String error = null;
        boolean retryable;
        try {
            VettedUrl url = guard.check(due.url());
            String secret =
                    new String(box.decrypt(due.secret(), "l10n-webhook:" + due.webhookUid()), StandardCharsets.UTF_8);
            long timestamp = System.currentTimeMillis() / 1000;
            status = poster.post(url, StandardWebhooks.headers(secret, due.id(), timestamp, due.body()), due.body());
            retryable = status == 408 || status == 429 || status >= 500;
            if (status >= 300) {
                error = status < 400 ? "redirect not followed" : "receiver answered " + status;
            }
        } catch (UnsafeUrlException e) {
            error = "refused: " + e.getMessage();
            retryable = false;
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            error = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            retryable = true;
        }
        boolean delivered = status != null && status >= 200 && status < 300;
        String state = delivered
                ? "delivered"
                : retryable && attempt < config.webhooks().maxAttempts() ? "pending" : "failed";
        long delay = backoff(attempt);
        try {
            Integer s = status;
            String err = error;
            jdbc.update(
                    "UPDATE webhook_messages SET attempts = ?, state = ?, last_status = ?, last_error = ?, "
                            + "next_attempt_at = now() + ? * interval '1 millisecond', "
                            + "delivered_at = CASE WHEN ? THEN now() END WHERE id = ?",
                    attempt,
                    state,
                    s,
                    err == null ? null : err.length() > 500 ? err.substring(0, 500) : err,
                    delay,
                    delivered,
                    due.id());
        } catch (RuntimeException e) {
            LOG.warnf("could not record webhook attempt %s #%d: %s", due.id(), attempt, e.getMessage());
        }
        if (state.equals("pending")) {
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(delay + 10);
                } catch (InterruptedException ignored) {
                    return;
                }
                pokeSoon();
            });
        }
    }

    /** Exponential with equal jitter: half the step fixed, half random, capped. */
    long backoff(int attempt) {
        long base = config.webhooks().initialBackoff().toMillis();
        long step = Math.min(config.webhooks().maxBackoff().toMillis(), base * (1L << Math.min(20, attempt - 1)));
        return step / 2 + (long) (random.nextDouble() * (step / 2.0));
    }
}
