package dev.opsuite.automation.recovery;

import dev.opsuite.automation.AutomationConfig;
import dev.opsuite.automation.domain.ScheduleFiring;
import dev.opsuite.automation.domain.TaskStore;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;

/**
 * Deletes finished tasks (with their node and step rows) and the record of schedule firings older than
 * {@code history-retention}.
 */
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
        return purge().call(this::purgeFirings).replaceWithVoid();
    }

    /** The record of fired schedule occurrences is kept as long as the runs they started. */
    Uni<Long> purgeFirings() {
        return Panache.withTransaction(
                () -> ScheduleFiring.delete("firedAt < ?1", OffsetDateTime.now().minus(config.historyRetention())));
    }

    /** @return how many tasks were deleted */
    public Uni<Integer> purge() {
        return store.deleteFinishedBefore(OffsetDateTime.now().minus(config.historyRetention()));
    }
}
