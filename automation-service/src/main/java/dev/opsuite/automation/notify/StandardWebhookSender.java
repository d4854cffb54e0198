package dev.opsuite.automation.notify;

import dev.opsuite.common.net.OutboundUrlGuard;
import dev.opsuite.common.net.UnsafeUrlException;
import dev.opsuite.common.net.VettedUrl;
import dev.opsuite.common.webhooks.StandardWebhooks;
import dev.opsuite.common.webhooks.WebhookPoster;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;

/**
 * One attempt at one notification with the suite's Standard Webhooks signature and sender: the URL is
 * vetted by the outbound guard on every attempt and the request goes to the vetted address (no second
 * DNS lookup), redirects are not followed. {@link WebhookDispatcher} persists and retries.
 */
@ApplicationScoped
public class StandardWebhookSender implements NotificationSender {
    private static final Logger LOG = Logger.getLogger(StandardWebhookSender.class);

    private final OutboundUrlGuard guard;
    private final WebhookPoster poster;

    public StandardWebhookSender(OutboundUrlGuard guard, Vertx vertx) {
        this.guard = guard;
        this.poster = new WebhookPoster(vertx, Duration.ofSeconds(10), 10, "opsuite-automation-webhooks/1");
    }

    @Override
    public Attempt send(String url, String secret, String messageId, String body) {
        try {
            VettedUrl vetted = guard.check(url);
            long timestamp = Instant.now().getEpochSecond();
            int status = poster.post(vetted, StandardWebhooks.headers(secret, messageId, timestamp, body), body);
            if (status >= 200 && status < 300) {
                return Attempt.ok();
            }
            LOG.debugf("webhook %s answered %d", messageId, status);
            return Attempt.retry(
                    status >= 300 && status < 400
                            ? "the receiver answered HTTP " + status + " (redirects are not followed)"
                            : "the receiver answered HTTP " + status);
        } catch (UnsafeUrlException e) {
            return Attempt.refused("URL refused by the outbound guard: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.retry("interrupted");
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            LOG.debugf("webhook %s failed: %s", messageId, cause.getMessage());
            return Attempt.retry(
                    cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
    }
}
