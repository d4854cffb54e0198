package dev.opsuite.automation.task;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Runs blocking work (a local process such as {@code bash -n}) on a worker thread and continues on the
 * caller's Vert.x context, so Hibernate Reactive sessions opened afterwards stay on their thread.
 */
public final class Offload {
    private Offload() {}

    public static <T> Uni<T> blocking(Supplier<T> work) {
        Context context = Vertx.currentContext();
        Uni<T> uni = Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return context == null ? uni : uni.emitOn(command -> context.runOnContext(v -> command.run()));
    }
}
