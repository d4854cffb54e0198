package dev.opsuite.automation.scripts;

import dev.opsuite.automation.AutomationConfig;
import dev.opsuite.automation.audit.AuditLog;
import dev.opsuite.automation.domain.Script;
import dev.opsuite.automation.safety.CommandPolicy;
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

/** Script catalogue (Hibernate Reactive Panache): validated with bash -n / py_compile before it is stored. */
@ApplicationScoped
public class ScriptService {
    public record ScriptPage(long total, List<Script> scripts) {}

    private final AutomationConfig config;
    private final CommandPolicy policy;

    private final AuditLog audit;

    public ScriptService(AutomationConfig config, CommandPolicy policy, AuditLog audit) {
        this.audit = audit;
        this.config = config;
        this.policy = policy;
    }

    @WithSession
    public Uni<ScriptPage> list(String language, String category, Boolean builtin, int offset, int limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (language != null) {
            q.append(" and language = :language");
            p.and("language", language);
        }
        if (category != null) {
            q.append(" and category = :category");
            p.and("category", category);
        }
        if (builtin != null) {
            q.append(" and isBuiltin = :builtin");
            p.and("builtin", builtin);
        }
        return Script.count(q.toString(), p)
                .chain(total -> Script.<Script>find(q.toString(), Sort.by("id"), p)
                        .page(Page.of(offset / limit, limit))
                        .list()
                        .map(list -> new ScriptPage(total, list)));
    }

    @WithSession
    public Uni<Script> get(long id) {
        return find(id);
    }

    /** Validates (blocking syntax check off the event loop), then stores. */
    public Uni<Script> create(ScriptSpec spec) {
        if (spec.name() == null || spec.name().isBlank()) {
            throw ApiException.badRequest("validation_failed", "name is required");
        }
        String language = spec.language() == null ? "shell" : spec.language();
        checkContent(language, spec.content(), true, spec.allowSuspicious());
        ParameterRules.validateDeclarations(spec.parameters());
        return Offload.blocking(() -> {
                    SyntaxCheck.check(language, spec.content());
                    return language;
                })
                .chain(lang -> insert(spec, lang));
    }

    @WithTransaction
    Uni<Script> insert(ScriptSpec spec, String language) {
        Script s = new Script();
        s.name = spec.name();
        s.description = spec.description();
        s.content = spec.content();
        s.language = language;
        s.category = spec.category();
        s.tags = spec.tags() == null ? List.of() : spec.tags();
        s.parameters = spec.parameters() == null ? List.of() : spec.parameters();
        s.isActive = spec.isActive() == null || spec.isActive();
        s.createdAt = OffsetDateTime.now();
        s.updatedAt = s.createdAt;
        return s.<Script>persist().call(x -> audit.record("create", "script", x.id, null, x, x.name));
    }

    public Uni<Script> update(long id, ScriptSpec spec) {
        if (spec.name() != null && spec.name().isBlank()) {
            throw ApiException.badRequest("validation_failed", "name must not be empty");
        }
        ParameterRules.validateDeclarations(spec.parameters());
        return get(id).chain(current -> {
            if (current.isBuiltin) {
                throw ApiException.conflict(
                        "builtin_readonly", "built-in script " + id + " cannot be changed; create a copy");
            }
            String language = spec.language() == null ? current.language : spec.language();
            String content = spec.content() == null ? current.content : spec.content();
            checkContent(language, content, spec.content() != null || spec.language() != null, spec.allowSuspicious());
            return Offload.blocking(() -> {
                        SyntaxCheck.check(language, content);
                        return language;
                    })
                    .chain(lang -> apply(id, spec, lang, content));
        });
    }

    @WithTransaction
    Uni<Script> apply(long id, ScriptSpec spec, String language, String content) {
        Map<String, Object>[] before = new Map[1];
        return find(id).map(s -> {
                    before[0] = AuditLog.snapshot(s);
                    if (spec.name() != null) {
                        s.name = spec.name();
                    }
                    if (spec.description() != null) {
                        s.description = spec.description();
                    }
                    s.content = content;
                    s.language = language;
                    if (spec.category() != null) {
                        s.category = spec.category();
                    }
                    if (spec.tags() != null) {
                        s.tags = spec.tags();
                    }
                    if (spec.parameters() != null) {
                        s.parameters = spec.parameters();
                    }
                    if (spec.isActive() != null) {
                        s.isActive = spec.isActive();
                    }
                    s.version++;
                    s.updatedAt = OffsetDateTime.now();
                    return s;
                })
                .call(s -> audit.record("update", "script", s.id, before[0], s, s.name));
    }

    @WithTransaction
    public Uni<Void> delete(long id) {
        return find(id).chain(s -> {
            if (s.isBuiltin) {
                throw ApiException.conflict("builtin_readonly", "built-in script " + id + " cannot be deleted");
            }
            return audit.record("delete", "script", s.id, s, null, s.name).chain(() -> s.delete());
        });
    }

    private void checkContent(String language, String content, boolean given, boolean allowSuspicious) {
        if (!"shell".equals(language) && !"python".equals(language)) {
            throw ApiException.badRequest("validation_failed", "language must be shell or python");
        }
        if (content == null || content.isBlank()) {
            throw ApiException.badRequest("validation_failed", "content is required");
        }
        if (content.getBytes(StandardCharsets.UTF_8).length > config.maxContentBytes()) {
            throw ApiException.badRequest(
                    "validation_failed", "content is larger than " + config.maxContentBytes() + " bytes");
        }
        if (given && "shell".equals(language)) {
            policy.check("script content", content, allowSuspicious);
        }
    }

    Uni<Script> find(long id) {
        return Script.<Script>findById(id).map(s -> {
            if (s == null) {
                throw ApiException.notFound("脚本 ID " + id + " 不存在");
            }
            return s;
        });
    }
}
