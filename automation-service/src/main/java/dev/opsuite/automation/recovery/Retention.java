package dev.opsuite.automation.recovery;

import dev.opsuite.automation.AutomationConfig;
import dev.opsuite.automation.domain.TaskStore;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/** Deletes finished tasks (with their node and step rows) older than {@code history-retention}. */
@ApplicationScoped
public class Retention {
    private final TaskStore store;
    private final AutomationConfig config;

    public Retention(TaskStore store, AutomationConfig config) {
        this.store = store;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> hourly() {
        return purge().replaceWithVoid();
    }

    /** @return how many tasks were deleted */
    public Uni<Integer> purge() {
        return store.deleteFinishedBefore(OffsetDateTime.now().minus(config.historyRetention()));
    }
}
