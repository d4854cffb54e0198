package dev.opsuite.l10n.webhooks;

import dev.opsuite.common.crypto.SecretBox;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.net.OutboundUrlGuard;
import dev.opsuite.common.net.UnsafeUrlException;
import dev.opsuite.common.webhooks.StandardWebhooks;
import dev.opsuite.l10n.db.Jdbc;
import dev.opsuite.l10n.domain.Locales;
import dev.opsuite.l10n.domain.Texts;
import dev.opsuite.l10n.domain.Uids;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Webhook subscriptions: the URL is vetted on creation (and again on every delivery). */
@ApplicationScoped
public class WebhookRegistry {
    public static final List<String> EVENTS = List.of(WebhookQueue.TRANSLATIONS_CHANGED, WebhookQueue.SYNC_COMMITTED);

    private final Jdbc jdbc;
    private final SecretBox box;
    private final OutboundUrlGuard guard;

    public WebhookRegistry(Jdbc jdbc, SecretBox box, OutboundUrlGuard guard) {
        this.jdbc = jdbc;
        this.box = box;
        this.guard = guard;
    }

    /** The created webhook and its secret (shown once). */
    public record Created(Webhook webhook, String secret) {}

    public record WebhookInput(String url, List<String> events, String locale) {}

    public List<Webhook> list() {
        return jdbc.query("SELECT " + Webhook.COLUMNS + " FROM webhooks ORDER BY uid", Webhook::from);
    }

    public Created create(WebhookInput in, String actor) {
        if (in == null) {
            throw ApiException.badRequest("request body is required");
        }
        String url = Texts.required("url", in.url());
        if (url.length() > 2000) {
            throw Texts.invalid("url", "must be at most 2000 characters");
        }
        try {
            guard.check(url);
        } catch (UnsafeUrlException e) {
            throw ApiException.validation(
                    "Webhook URL refused: " + e.getMessage(), Map.of("field", "url", "problem", e.getMessage()));
        }
        List<String> events =
                in.events() == null || in.events().isEmpty() ? EVENTS : List.copyOf(new LinkedHashSet<>(in.events()));
        for (String e : events) {
            if (!EVENTS.contains(e)) {
                throw Texts.invalid("events", "must contain only " + String.join(", ", EVENTS));
            }
        }
        String locale = Locales.optional("locale", in.locale());
        String uid = Uids.next(Uids.WEBHOOK);
        String secret = StandardWebhooks.generateSecret();
        String encrypted = box.encrypt(secret.getBytes(StandardCharsets.UTF_8), "l10n-webhook:" + uid);
        Webhook created = jdbc.tx(c -> {
            Jdbc.update(
                    c,
                    "INSERT INTO webhooks (uid, url, secret, events, locale, created_by) VALUES (?, ?, ?, ?, ?, ?)",
                    uid,
                    url,
                    encrypted,
                    events.toArray(String[]::new),
                    locale,
                    actor);
            return Jdbc.one(c, "SELECT " + Webhook.COLUMNS + " FROM webhooks WHERE uid = ?", Webhook::from, uid)
                    .orElseThrow();
        });
        return new Created(created, secret);
    }

    public void delete(String uid) {
        if (jdbc.update("DELETE FROM webhooks WHERE uid = ?", uid) == 0) {
            throw ApiException.notFound("No webhook " + uid);
        }
    }
}
