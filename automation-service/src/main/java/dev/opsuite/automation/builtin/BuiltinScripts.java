package dev.opsuite.automation.builtin;

import dev.opsuite.automation.domain.Script;
import dev.opsuite.automation.domain.ScriptParameter;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;

/** Built-in diagnosis scripts. */
@ApplicationScoped
public class BuiltinScripts {
    record BuiltinScript(
            String key,
            String name,
            String description,
            String category,
            List<String> tags,
            List<ScriptParameter> parameters,
            String file) {}

    static final List<BuiltinScript> SCRIPTS = List.of(
            new BuiltinScript(
                    "system-info",
                    "系统信息收集",
                    "CPU, memory, disks, network and load of the node",
                    "diagnosis",
                    List.of("system", "info"),
                    List.of(),
                    "system-info.sh"),
            new BuiltinScript(
                    "port-check",
                    "检查端口占用",
                    "Which process listens on PORT",
                    "diagnosis",
                    List.of("port", "network"),
                    List.of(new ScriptParameter("PORT", "TCP port to check", "int", "80", null, null, null)),
                    "port-check.sh"),
            new BuiltinScript(
                    "disk-usage",
                    "磁盘用量",
                    "The largest directories under DIR",
                    "diagnosis",
                    List.of("disk"),
                    List.of(new ScriptParameter(
                            "DIR", "directory to measure", "string", "/var", null, "/[^\\n]*", null)),
                    "disk-usage.sh"));

    Uni<Void> seed() {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (BuiltinScript b : SCRIPTS) {
            String content = BuiltinCatalogue.resource("builtin/scripts/" + b.file());
            chain = chain.chain(() -> Script.<Script>find("builtinKey", b.key())
                    .firstResult()
                    .chain(existing -> {
                        if (existing == null) {
                            Script s = new Script();
                            s.builtinKey = b.key();
                            s.isBuiltin = true;
                            s.name = b.name();
                            s.description = b.description();
                            s.category = b.category();
                            s.language = "shell";
                            s.tags = b.tags();
                            s.parameters = b.parameters();
                            s.content = content;
                            s.createdAt = OffsetDateTime.now();
                            s.updatedAt = s.createdAt;
                            return s.persist().replaceWithVoid();
                        }
                        if (!existing.content.equals(content)) {
                            existing.content = content;
                            existing.parameters = b.parameters();
                            existing.version++;
                            existing.updatedAt = OffsetDateTime.now();
                        }
                        return Uni.createFrom().voidItem();
                    }));
        }
        return chain;
    }
}
