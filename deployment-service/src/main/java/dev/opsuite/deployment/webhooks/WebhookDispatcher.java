package dev.opsuite.deployment.webhooks;

import dev.opsuite.common.concurrent.WakeableLoop;
import dev.opsuite.common.net.OutboundUrlGuard;
import dev.opsuite.common.net.UnsafeUrlException;
import dev.opsuite.common.net.VettedUrl;
import dev.opsuite.common.persistence.BlockingSql;
import dev.opsuite.common.webhooks.StandardWebhooks;
import dev.opsuite.common.webhooks.WebhookPoster;
import dev.opsuite.deployment.DeploymentConfig;
import dev.opsuite.deployment.apps.AppLookup;
import dev.opsuite.deployment.domain.DeploymentSecrets;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Sends queued webhook messages. Claims due messages with FOR UPDATE SKIP LOCKED (replicas share the
 * work), re-checks the URL with the outbound guard and connects to the vetted address itself (no
 * second DNS lookup), never follows redirects, and retries timeouts, 429 and 5xx with exponential
 * back-off and jitter. Every attempt is logged for the deliveries endpoint.
 */
@ApplicationScoped
public class WebhookDispatcher {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final BlockingSql db;
    private final OutboundUrlGuard guard;
    private final DeploymentSecrets secrets;
    private final AppLookup apps;
    private final DeploymentConfig config;
    private final Vertx vertx;
    private final WakeableLoop loop = new WakeableLoop("webhook-dispatcher", Duration.ofMillis(250), this::dispatchDue);
    private final SecureRandom random = new SecureRandom();
    private WebhookPoster poster;

    public WebhookDispatcher(
            BlockingSql db,
            OutboundUrlGuard guard,
            DeploymentSecrets secrets,
            AppLookup apps,
            DeploymentConfig config,
            Vertx vertx) {
        this.db = db;
        this.guard = guard;
        this.secrets = secrets;
        this.apps = apps;
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent ev) {
        poster = new WebhookPoster(vertx, config.webhooks().timeout(), 20, "opsuite-deployment-webhooks/1");
        loop.start();
    }

    void onStop(@Observes ShutdownEvent ev) {
        loop.stop();
    }

    public void pokeSoon() {
        loop.wake();
    }

    private void dispatchDue() {
        for (Row due : claimDue()) {
            Thread.ofVirtual().start(() -> deliver(due));
        }
    }

    private List<Row> claimDue() {
        return db.tx(tx -> {
            List<Row> due = BlockingSql.query(
                    tx,
                    "SELECT m.id, m.deployment_id, m.url, m.body, m.attempts, d.app, d.webhook_secret "
                            + "FROM webhook_messages m JOIN deployments d ON d.id = m.deployment_id "
                            + "WHERE m.state = 'pending' AND m.next_attempt_at <= now() ORDER BY m.next_attempt_at LIMIT 20 "
                            + "FOR UPDATE OF m SKIP LOCKED");
            for (Row r : due) {
                // a lease: if this replica dies mid-delivery, another one retries after it expires
                BlockingSql.update(
                        tx,
                        "UPDATE webhook_messages SET next_attempt_at = now() + $2::bigint * interval '1 millisecond' WHERE id = $1",
                        r.getString("id"),
                        LEASE.toMillis());
            }
            return due;
        });
    }

    private void deliver(Row m) {
        String id = m.getString("id");
        String deploymentId = m.getString("deployment_id");
        int attempt = m.getInteger("attempts") + 1;
        long started = System.nanoTime();
        Integer status = null;
        String error = null;
        boolean retryable;
        try {
            VettedUrl url = guard.check(m.getString("url"));
            String secret = secret(m);
            long timestamp = System.currentTimeMillis() / 1000;
            String body = m.getString("body");
            status = poster.post(url, StandardWebhooks.headers(secret, id, timestamp, body), body);
            retryable = status == 408 || status == 429 || status >= 500;
            if (status >= 300 && status < 400) {
                error = "redirect not followed";
            } else if (status >= 400) {
                error = "receiver answered " + status;
            }
        } catch (UnsafeUrlException e) {
            error = "refused: " + e.getMessage();
            retryable = false;
        } catch (TimeoutException e) {
            error = "timed out after " + config.webhooks().timeout().toMillis() + " ms";
            retryable = true;
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            error = cause.getClass().getSimpleName().contains("Timeout")
                    ? "timed out after " + config.webhooks().timeout().toMillis() + " ms"
                    : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            retryable = true;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        boolean delivered = status != null && status >= 200 && status < 300;
        String outcome = delivered
                ? "delivered"
                : retryable && attempt < config.webhooks().maxAttempts() ? "retry" : "failed";
        long delay = backoff(attempt);
        try {
            String finalError = error;
            Integer finalStatus = status;
            db.tx(tx -> {
                BlockingSql.update(
                        tx,
                        "INSERT INTO webhook_attempts (message_id, deployment_id, attempt, status_code, duration_ms, error, outcome) "
                                + "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                        id,
                        deploymentId,
                        attempt,
                        finalStatus,
                        millis,
                        finalError,
                        outcome);
                BlockingSql.update(
                        tx,
                        "UPDATE webhook_messages SET attempts = $2, state = $3, next_attempt_at = now() + $4::bigint * interval '1 millisecond' "
                                + "WHERE id = $1",
                        id,
                        attempt,
                        outcome.equals("retry") ? "pending" : outcome,
                        delay);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warnf("could not record webhook attempt %s #%d: %s", id, attempt, e.getMessage());
        }
        if (outcome.equals("retry")) {
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

    /** Exponential with "equal jitter": half the step fixed, half random, capped. */
    long backoff(int attempt) {
        long base = config.webhooks().initialBackoff().toMillis();
        long step = Math.min(config.webhooks().maxBackoff().toMillis(), base * (1L << Math.min(20, attempt - 1)));
        return step / 2 + (long) (random.nextDouble() * (step / 2.0));
    }

    /** The deployment's own secret, else its app's (the app may have been removed meanwhile). */
    private String secret(Row m) {
        String own = secrets.webhookSecret(m.getString("deployment_id"), m.getString("webhook_secret"));
        if (own != null) {
            return own;
        }
        String app = m.getString("app");
        return apps.webhookSecret(app).orElseThrow(() -> new IllegalStateException("app " + app + " is gone"));
    }
}
