package dev.opsuite.automation.ansible;

import dev.opsuite.automation.AutomationConfig;
import dev.opsuite.automation.audit.AuditLog;
import dev.opsuite.automation.domain.Playbook;
import dev.opsuite.automation.features.FeatureService;
import dev.opsuite.automation.task.Offload;
import dev.opsuite.common.error.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Playbook catalogue (Panache): every content change passes ansible-playbook --syntax-check and bumps version. */
@ApplicationScoped
public class PlaybookService {
    public record PlaybookPage(long total, List<Playbook> playbooks) {}

    private final AutomationConfig config;
    private final FeatureService features;

    private final AuditLog audit;

    public PlaybookService(AutomationConfig config, FeatureService features, AuditLog audit) {
        this.audit = audit;
        this.config = config;
        this.features = features;
    }

    @WithSession
    public Uni<PlaybookPage> list(String category, Boolean builtin, int offset, int limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (category != null) {
            q.append(" and category = :category");
            p.and("category", category);
        }
        if (builtin != null) {
            q.append(" and isBuiltin = :builtin");
            p.and("builtin", builtin);
        }
        return Playbook.count(q.toString(), p)
                .chain(total -> Playbook.<Playbook>find(q.toString(), Sort.by("id"), p)
                        .page(Page.of(offset / limit, limit))
                        .list()
                        .map(list -> new PlaybookPage(total, list)));
    }

    @WithSession
    public Uni<Playbook> get(long id) {
        return Playbook.<Playbook>findById(id).map(p -> {
            if (p == null) {
                throw ApiException.notFound("Playbook ID " + id + " 不存在");
            }
            return p;
        });
    }

    public Uni<Playbook> create(PlaybookSpec spec) {
        if (spec.name() == null || spec.name().isBlank()) {
            throw ApiException.badRequest("validation_failed", "name is required");
        }
        checkSize(spec.content());
        return syntax(spec.content()).chain(() -> insert(spec));
    }

    @WithTransaction
    Uni<Playbook> insert(PlaybookSpec spec) {
        Playbook p = new Playbook();
        p.name = spec.name();
        p.description = spec.description();
        p.content = spec.content();
        p.category = spec.category();
        p.tags = spec.tags() == null ? List.of() : spec.tags();
        p.isActive = spec.isActive() == null || spec.isActive();
        p.createdAt = OffsetDateTime.now();
        p.updatedAt = p.createdAt;
        return p.<Playbook>persist().call(x -> audit.record("create", "playbook", x.id, null, x, x.name));
    }

    public Uni<Playbook> update(long id, PlaybookSpec spec) {
        if (spec.name() != null && spec.name().isBlank()) {
            throw ApiException.badRequest("validation_failed", "name must not be empty");
        }
        return get(id).chain(current -> {
            if (current.isBuiltin) {
                throw ApiException.conflict(
                        "builtin_readonly", "built-in playbook " + id + " cannot be changed; create a copy");
            }
            if (spec.content() == null) {
                return apply(id, spec);
            }
            checkSize(spec.content());
            return syntax(spec.content()).chain(() -> apply(id, spec));
        });
    }

    @WithTransaction
    Uni<Playbook> apply(long id, PlaybookSpec spec) {
        Map<String, Object>[] before = new Map[1];
        return Playbook.<Playbook>findById(id)
                .map(p -> {
                    before[0] = AuditLog.snapshot(p);
                    if (spec.name() != null) {
                        p.name = spec.name();
                    }
                    if (spec.description() != null) {
                        p.description = spec.description();
                    }
                    if (spec.content() != null) {
                        p.content = spec.content();
                    }
                    if (spec.category() != null) {
                        p.category = spec.category();
                    }
                    if (spec.tags() != null) {
                        p.tags = spec.tags();
                    }
                    if (spec.isActive() != null) {
                        p.isActive = spec.isActive();
                    }
                    p.version++;
                    p.updatedAt = OffsetDateTime.now();
                    return p;
                })
                .call(p -> audit.record("update", "playbook", p.id, before[0], p, p.name));
    }

    @WithTransaction
    public Uni<Void> delete(long id) {
        return Playbook.<Playbook>findById(id).chain(p -> {
            if (p == null) {
                throw ApiException.notFound("Playbook ID " + id + " 不存在");
            }
            if (p.isBuiltin) {
                throw ApiException.forbidden("内置 Playbook 不能删除 (playbook " + id + " is built in)");
            }
            return audit.record("delete", "playbook", p.id, p, null, p.name).chain(() -> p.delete());
        });
    }

    private Uni<Void> syntax(String content) {
        return features.current()
                .chain(settings -> Offload.blocking(() -> {
                    AnsibleSyntax.check(settings.ansibleBinaryPath(), content);
                    return null;
                }))
                .replaceWithVoid();
    }

    private void checkSize(String content) {
        if (content == null || content.isBlank()) {
            throw ApiException.badRequest("validation_failed", "content is required");
        }
        if (content.getBytes(StandardCharsets.UTF_8).length > config.maxContentBytes()) {
            throw ApiException.badRequest(
                    "validation_failed", "content is larger than " + config.maxContentBytes() + " bytes");
        }
    }
}
