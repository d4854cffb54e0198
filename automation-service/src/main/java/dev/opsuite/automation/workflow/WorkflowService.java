package dev.opsuite.automation.workflow;

import dev.opsuite.automation.audit.AuditLog;
import dev.opsuite.automation.domain.Playbook;
import dev.opsuite.automation.domain.Script;
import dev.opsuite.automation.domain.Workflow;
import dev.opsuite.automation.domain.WorkflowDefinition;
import dev.opsuite.automation.safety.CommandPolicy;
import dev.opsuite.common.error.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Workflow catalogue (Panache); definitions are validated as DAGs before they are stored. */
@ApplicationScoped
public class WorkflowService {
    public record WorkflowPage(long total, List<Workflow> workflows) {}

    private final CommandPolicy policy;

    private final AuditLog audit;

    public WorkflowService(CommandPolicy policy, AuditLog audit) {
        this.audit = audit;
        this.policy = policy;
    }

    @WithSession
    public Uni<WorkflowPage> list(String category, Boolean builtin, int offset, int limit) {
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
        return Workflow.count(q.toString(), p)
                .chain(total -> Workflow.<Workflow>find(q.toString(), Sort.by("id"), p)
                        .page(Page.of(offset / limit, limit))
                        .list()
                        .map(list -> new WorkflowPage(total, list)));
    }

    @WithSession
    public Uni<Workflow> get(long id) {
        return find(id);
    }

    @WithTransaction
    public Uni<Workflow> create(WorkflowSpec spec) {
        if (spec.name() == null || spec.name().isBlank()) {
            throw ApiException.badRequest("validation_failed", "name is required");
        }
        WorkflowValidator.validate(spec.definition(), policy, spec.allowSuspicious());
        return references(spec.definition()).chain(() -> {
            Workflow w = new Workflow();
            w.name = spec.name();
            w.description = spec.description();
            w.category = spec.category();
            w.definition = spec.definition();
            w.isActive = spec.isActive() == null || spec.isActive();
            w.createdAt = OffsetDateTime.now();
            w.updatedAt = w.createdAt;
            return w.<Workflow>persist().call(x -> audit.record("create", "workflow", x.id, null, x, x.name));
        });
    }

    @WithTransaction
    public Uni<Workflow> update(long id, WorkflowSpec spec) {
        if (spec.name() != null && spec.name().isBlank()) {
            throw ApiException.badRequest("validation_failed", "name must not be empty");
        }
        if (spec.definition() != null) {
            WorkflowValidator.validate(spec.definition(), policy, spec.allowSuspicious());
        }
        return find(id).chain(w -> {
            if (w.isBuiltin) {
                throw ApiException.conflict(
                        "builtin_readonly", "built-in workflow " + id + " cannot be changed; create a copy");
            }
            Uni<Void> refs = spec.definition() == null ? Uni.createFrom().voidItem() : references(spec.definition());
            Map<String, Object> before = AuditLog.snapshot(w);
            return refs.map(v -> {
                        if (spec.name() != null) {
                            w.name = spec.name();
                        }
                        if (spec.description() != null) {
                            w.description = spec.description();
                        }
                        if (spec.category() != null) {
                            w.category = spec.category();
                        }
                        if (spec.definition() != null) {
                            w.definition = spec.definition();
                        }
                        if (spec.isActive() != null) {
                            w.isActive = spec.isActive();
                        }
                        w.version++;
                        w.updatedAt = OffsetDateTime.now();
                        return w;
                    })
                    .call(x -> audit.record("update", "workflow", x.id, before, x, x.name));
        });
    }

    @WithTransaction
    public Uni<Void> delete(long id) {
        return find(id).chain(w -> {
            if (w.isBuiltin) {
                throw ApiException.conflict("builtin_readonly", "built-in workflow " + id + " cannot be deleted");
            }
            return audit.record("delete", "workflow", w.id, w, null, w.name).chain(() -> w.delete());
        });
    }

    /** Every referenced script and playbook must exist. */
    Uni<Void> references(WorkflowDefinition d) {
        Set<Long> scripts = WorkflowValidator.scriptIds(d);
        Set<Long> playbooks = WorkflowValidator.playbookIds(d);
        Uni<List<Long>> foundScripts = scripts.isEmpty()
                ? Uni.createFrom().item(List.of())
                : Script.<Script>find("id in ?1", scripts)
                        .list()
                        .map(l -> l.stream().map(s -> s.id).toList());
        return foundScripts
                .chain(fs -> {
                    Set<Long> missing = new HashSet<>(scripts);
                    fs.forEach(missing::remove);
                    if (!missing.isEmpty()) {
                        throw ApiException.unprocessable(
                                "invalid_workflow", "workflow references unknown script(s) " + missing);
                    }
                    return playbooks.isEmpty()
                            ? Uni.createFrom().item(List.<Long>of())
                            : Playbook.<Playbook>find("id in ?1", playbooks)
                                    .list()
                                    .map(l -> l.stream().map(p -> p.id).toList());
                })
                .map(fp -> {
                    Set<Long> missing = new HashSet<>(playbooks);
                    fp.forEach(missing::remove);
                    if (!missing.isEmpty()) {
                        throw ApiException.unprocessable(
                                "invalid_workflow", "workflow references unknown playbook(s) " + missing);
                    }
                    return null;
                });
    }

    Uni<Workflow> find(long id) {
        return Workflow.<Workflow>findById(id).map(w -> {
            if (w == null) {
                throw ApiException.notFound("工作流 ID " + id + " 不存在");
            }
            return w;
        });
    }
}
