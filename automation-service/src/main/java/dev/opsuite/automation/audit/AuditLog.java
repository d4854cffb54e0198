package dev.opsuite.automation.audit;

import dev.opsuite.automation.domain.AuditEntry;
import dev.opsuite.automation.events.AuditEvents;
import dev.opsuite.common.request.RequestIds;
import dev.opsuite.common.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.OffsetDateTime;
import java.time.temporal.Temporal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit log: {@link #record} joins the caller's Hibernate Reactive transaction, so the record
 * (and its event on automation.events.v1, through the outbox) exists exactly when the change committed. Snapshots are the entity's public fields without any
 * field ending in {@code Enc} (every secret column does): secrets never reach the log.
 */
@ApplicationScoped
public class AuditLog {
    public record AuditPage(long total, List<AuditEntry> entries) {}

    private final SecurityIdentity identity;
    private final AuditEvents events;

    public AuditLog(SecurityIdentity identity, AuditEvents events) {
        this.identity = identity;
        this.events = events;
    }

    /** Inside a Panache transaction. {@code before}/{@code after}: entities, maps or null. */
    public Uni<Void> record(
            String action, String targetType, Object targetId, Object before, Object after, String summary) {
        AuditEntry e = new AuditEntry();
        e.at = OffsetDateTime.now();
        try {
            e.actor =
                    identity.isAnonymous() ? "system" : identity.getPrincipal().getName();
            e.role = Roles.highest(identity.getRoles()).orElse(null);
        } catch (RuntimeException outsideARequest) {
            e.actor = "system";
        }
        e.action = action;
        e.targetType = targetType;
        e.targetId = targetId == null ? null : targetId.toString();
        e.summary = summary;
        e.before = snapshot(before);
        e.after = snapshot(after);
        e.requestId = RequestIds.current().orElse(null);
        return e.persistAndFlush()
                .chain(persisted -> Panache.getSession())
                .chain(session -> events.recorded(session, e));
    }

    @WithSession
    public Uni<AuditPage> list(String targetType, String actor, String action, int offset, int limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (targetType != null) {
            q.append(" and targetType = :type");
            p.and("type", targetType);
        }
        if (actor != null) {
            q.append(" and actor = :actor");
            p.and("actor", actor);
        }
        if (action != null) {
            q.append(" and action = :action");
            p.and("action", action);
        }
        return AuditEntry.count(q.toString(), p)
                .chain(total -> AuditEntry.<AuditEntry>find(q.toString(), Sort.descending("id"), p)
                        .page(Page.of(offset / limit, limit))
                        .list()
                        .map(list -> new AuditPage(total, list)));
    }

    /** Public fields of an entity (or a map as is), secrets ({@code *Enc}) left out. */
    public static Map<String, Object> snapshot(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return copy;
        }
        // Panache turns an entity's public fields into private ones with accessors: read the declared fields
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : value.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())
                    || f.isSynthetic()
                    || f.getName().startsWith("$$")) {
                continue;
            }
            try {
                f.setAccessible(true);
                Object v = f.get(value);
                if (f.getName().endsWith("Enc")) {
                    out.put("has_" + f.getName().substring(0, f.getName().length() - 3), v != null);
                } else {
                    out.put(f.getName(), v instanceof Temporal ? v.toString() : v);
                }
            } catch (IllegalAccessException | RuntimeException e) {
                // a field we cannot read is left out
            }
        }
        return out;
    }
}
