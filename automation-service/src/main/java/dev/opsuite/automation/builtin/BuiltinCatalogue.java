package dev.opsuite.automation.builtin;

import dev.opsuite.automation.domain.Playbook;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Seeds the built-in playbooks (and, through {@link BuiltinScripts}/{@link BuiltinWorkflows}, scripts
 * and workflows) at start-up, keyed by {@code builtin_key}: a missing one is inserted, a changed one
 * updated with its version bumped. Replicas starting together may race; the unique key makes the
 * loser's insert fail, which is harmless.
 */
@ApplicationScoped
public class BuiltinCatalogue {
    private static final Logger LOG = Logger.getLogger(BuiltinCatalogue.class);

    record BuiltinPlaybook(
            String key, String name, String description, String category, List<String> tags, String file) {}

    static final List<BuiltinPlaybook> PLAYBOOKS = List.of(
            new BuiltinPlaybook(
                    "system-upgrade",
                    "系统升级",
                    "Upgrade every package (apt or dnf) and report whether a reboot is needed",
                    "system",
                    List.of("update", "packages"),
                    "system-upgrade.yml"),
            new BuiltinPlaybook(
                    "docker-restart",
                    "Docker 重启",
                    "Restart the Docker daemon where it is installed and wait for its socket",
                    "service",
                    List.of("docker", "restart"),
                    "docker-restart.yml"),
            new BuiltinPlaybook(
                    "kernel-upgrade",
                    "内核升级",
                    "Install the newest kernel package (reboot afterwards)",
                    "system",
                    List.of("kernel", "update"),
                    "kernel-upgrade.yml"),
            new BuiltinPlaybook(
                    "security-patches",
                    "安全补丁",
                    "Apply security updates only",
                    "security",
                    List.of("update", "security"),
                    "security-patches.yml"));

    private final BuiltinScripts scripts;
    private final BuiltinWorkflows workflows;

    public BuiltinCatalogue(BuiltinScripts scripts, BuiltinWorkflows workflows) {
        this.scripts = scripts;
        this.workflows = workflows;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(this::seedPlaybooks));
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(scripts::seed));
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(workflows::seed));
        } catch (Throwable e) {
            LOG.warnf("built-in catalogue not (fully) seeded, another replica may be doing it: %s", e.getMessage());
        }
    }

    Uni<Void> seedPlaybooks() {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (BuiltinPlaybook b : PLAYBOOKS) {
            String content = resource("builtin/playbooks/" + b.file());
            chain = chain.chain(() -> Playbook.<Playbook>find("builtinKey", b.key())
                    .firstResult()
                    .chain(existing -> {
                        if (existing == null) {
                            Playbook p = new Playbook();
                            p.builtinKey = b.key();
                            p.isBuiltin = true;
                            p.name = b.name();
                            p.description = b.description();
                            p.category = b.category();
                            p.tags = b.tags();
                            p.content = content;
                            p.createdAt = OffsetDateTime.now();
                            p.updatedAt = p.createdAt;
                            return p.persist().replaceWithVoid();
                        }
                        if (!existing.content.equals(content)) {
                            existing.content = content;
                            existing.version++;
                            existing.updatedAt = OffsetDateTime.now();
                        }
                        return Uni.createFrom().voidItem();
                    }));
        }
        return chain;
    }

    static String resource(String path) {
        try (InputStream in = BuiltinCatalogue.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing built-in resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
