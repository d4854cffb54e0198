package dev.opsuite.automation.notify;

import dev.opsuite.automation.audit.AuditLog;
import dev.opsuite.automation.domain.Notification;
import dev.opsuite.automation.inventory.Names;
import dev.opsuite.common.crypto.SecretBox;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.net.OutboundUrlGuard;
import dev.opsuite.common.net.UnsafeUrlException;
import dev.opsuite.common.webhooks.StandardWebhooks;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/** Webhook subscriptions (Panache); the signing secret is generated here and shown once. */
@ApplicationScoped
public class NotificationService {
    static final Set<String> EVENTS = Set.of("started", "succeeded", "failed");
    static final Set<String> KINDS = Set.of("ssh", "script", "ansible", "workflow");

    public record Created(Notification notification, String secret) {}

    public record NotificationSpec(
            String name, String url, List<String> events, String kind, Long refId, Long scheduleId, Boolean enabled) {}

    static final Set<String> DELIVERY_STATUSES = Set.of("pending", "delivered", "failed");

    private final SecretBox secrets;
    private final OutboundUrlGuard guard;
    private final AuditLog audit;
    private final WebhookStore deliveries;

    public NotificationService(SecretBox secrets, OutboundUrlGuard guard, AuditLog audit, WebhookStore deliveries) {
        this.secrets = secrets;
        this.guard = guard;
        this.audit = audit;
        this.deliveries = deliveries;
    }

    @WithSession
    public Uni<List<Notification>> list() {
        return Notification.<Notification>findAll(Sort.by("id")).list();
    }

    /** The subscription's deliveries, newest first: status, attempts so far, next attempt and last error. */
    @WithSession
    public Uni<List<WebhookDelivery>> deliveries(long id, String status, int limit) {
        if (status != null && !DELIVERY_STATUSES.contains(status)) {
            throw ApiException.badRequest("invalid_parameter", "status must be one of pending, delivered, failed");
        }
        if (limit < 1 || limit > 500) {
            throw ApiException.badRequest("invalid_parameter", "limit must be between 1 and 500");
        }
        return find(id).chain(n -> deliveries.ofSubscription(n.id, status, limit));
    }

    @WithTransaction
    public Uni<Created> create(NotificationSpec spec) {
        Notification n = new Notification();
        n.name = Names.require("name", spec.name());
        apply(n, spec);
        if (n.url == null) {
            throw ApiException.badRequest("validation_failed", "url is required");
        }
        String secret = StandardWebhooks.generateSecret();
        n.createdAt = OffsetDateTime.now();
        n.updatedAt = n.createdAt;
        n.secretEnc = "pending";
        return Notification.count("name", n.name)
                .chain(c -> {
                    if (c > 0) {
                        throw ApiException.conflict("notification " + n.name + " already exists");
                    }
                    return n.<Notification>persist();
                })
                .chain(saved -> Panache.flush().map(v -> {
                    saved.secretEnc =
                            secrets.encrypt(secret.getBytes(StandardCharsets.UTF_8), "notification:" + saved.id);
                    return saved;
                }))
                .call(saved -> audit.record("create", "notification", saved.id, null, saved, saved.name))
                .map(saved -> new Created(saved, secret));
    }

    @WithTransaction
    public Uni<Notification> update(long id, NotificationSpec spec) {
        return find(id).chain(n -> {
            var before = AuditLog.snapshot(n);
            if (spec.name() != null) {
                n.name = Names.require("name", spec.name());
            }
            apply(n, spec);
            n.updatedAt = OffsetDateTime.now();
            return audit.record("update", "notification", n.id, before, n, n.name)
                    .replaceWith(n);
        });
    }

    @WithTransaction
    public Uni<Void> delete(long id) {
        return find(id).chain(n ->
                audit.record("delete", "notification", n.id, n, null, n.name).chain(() -> n.delete()));
    }

    private void apply(Notification n, NotificationSpec spec) {
        if (spec.url() != null) {
            try {
                guard.check(spec.url());
            } catch (UnsafeUrlException e) {
                throw ApiException.unprocessable("unsafe_url", "url refused: " + e.getMessage());
            }
            n.url = spec.url();
        }
        if (spec.events() != null) {
            if (spec.events().isEmpty() || !EVENTS.containsAll(spec.events())) {
                throw ApiException.badRequest("validation_failed", "events must be a non-empty subset of " + EVENTS);
            }
            n.events = String.join(",", spec.events());
        } else if (n.events == null) {
            n.events = "started,succeeded,failed";
        }
        if (spec.kind() != null) {
            if (!spec.kind().isEmpty() && !KINDS.contains(spec.kind())) {
                throw ApiException.badRequest("validation_failed", "kind must be one of " + KINDS);
            }
            n.kind = spec.kind().isEmpty() ? null : spec.kind();
        }
        if (spec.refId() != null) {
            n.refId = spec.refId() <= 0 ? null : spec.refId();
        }
        if (spec.scheduleId() != null) {
            n.scheduleId = spec.scheduleId() <= 0 ? null : spec.scheduleId();
        }
        if (spec.enabled() != null) {
            n.enabled = spec.enabled();
        }
    }

    private Uni<Notification> find(long id) {
        return Notification.<Notification>findById(id).map(n -> {
            if (n == null) {
                throw ApiException.notFound("通知 ID " + id + " 不存在");
            }
            return n;
        });
    }
}
