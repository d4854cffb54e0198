package dev.opsuite.automation.builtin;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Built-in workflows (seeded once the workflow engine exists). */
@ApplicationScoped
public class BuiltinWorkflows {
    Uni<Void> seed() {
        return Uni.createFrom().voidItem();
    }
}
