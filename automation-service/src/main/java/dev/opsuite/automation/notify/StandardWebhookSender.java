package dev.opsuite.automation.notify;

import dev.opsuite.common.net.OutboundUrlGuard;
import dev.opsuite.common.net.UnsafeUrlException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Standard Webhooks: headers {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature:
 * v1,<base64 HMAC-SHA256(key, "id.timestamp.body")>} with the key from {@code whsec_<base64>}; the URL
 * is vetted by common-lib's SSRF guard on every send, redirects are not followed. One attempt per call:
 * {@link WebhookDispatcher} persists and retries.
 */
@ApplicationScoped
public class StandardWebhookSender implements NotificationSender {
    private static final Logger LOG = Logger.getLogger(StandardWebhookSender.class);

    private final OutboundUrlGuard guard;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    public StandardWebhookSender(OutboundUrlGuard guard) {
        this.guard = guard;
    }

    @Override
    public Attempt send(String url, String secret, String messageId, String body) {
        try {
            guard.check(url);
            long ts = Instant.now().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10))
                    .header("content-type", "application/json")
                    .header("webhook-id", messageId)
                    .header("webhook-timestamp", Long.toString(ts))
                    .header("webhook-signature", sign(secret, messageId, ts, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            int status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                return Attempt.ok();
            }
            LOG.debugf("webhook %s answered %d", messageId, status);
            return Attempt.retry("the receiver answered HTTP " + status);
        } catch (UnsafeUrlException e) {
            return Attempt.refused("URL refused by the outbound guard: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.retry("interrupted");
        } catch (Exception e) {
            LOG.debugf("webhook %s failed: %s", messageId, e.getMessage());
            return Attempt.retry(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    static String sign(String secret, String id, long timestamp, String body) {
        try {
            String encoded = secret.startsWith("whsec_") ? secret.substring(6) : secret;
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(encoded), "HmacSHA256"));
            byte[] sig = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(sig);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot sign a webhook", e);
        }
    }
}
