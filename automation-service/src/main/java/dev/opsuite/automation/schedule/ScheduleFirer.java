package dev.opsuite.automation.schedule;

import dev.opsuite.automation.domain.Caller;
import dev.opsuite.automation.domain.Schedule;
import dev.opsuite.automation.domain.ScheduleFiring;
import dev.opsuite.automation.domain.Task;
import dev.opsuite.automation.task.InstanceId;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

/**
 * Fires due schedules. Every replica looks every second; an occurrence belongs to the replica whose
 * compare-and-set moves {@code next_run_at} from that occurrence to the next one, so exactly one
 * replica fires it. A missed occurrence (the service was down) fires once late under
 * {@code run_once} and is dropped under {@code skip}. Each fired occurrence is recorded in
 * {@code schedule_firings} in the claiming transaction; its unique key refuses a second firing. Runs are recorded as started by
 * {@code schedule:<name>}, which links history to the schedule.
 */
@ApplicationScoped
public class ScheduleFirer {
    private static final Logger LOG = Logger.getLogger(ScheduleFirer.class);
    static final Duration MISFIRE_GRACE = Duration.ofSeconds(60);

    private final ScheduledRuns runs;
    private final InstanceId instance;

    public ScheduleFirer(ScheduledRuns runs, InstanceId instance) {
        this.runs = runs;
        this.instance = instance;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            fireDue(OffsetDateTime.now());
        } catch (Throwable e) {
            LOG.warnf("schedule tick failed: %s", e.getMessage());
        }
    }

    /** @return ids of the tasks this call started */
    public List<String> fireDue(OffsetDateTime now) throws Throwable {
        List<Schedule> due = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> Schedule.<Schedule>list("enabled = true and nextRunAt <= ?1", now)));
        List<String> started = new ArrayList<>();
        for (Schedule s : due) {
            OffsetDateTime next = CronTimes.next(s.cron, s.timeZone, now);
            ScheduleFiring firing;
            try {
                firing = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Schedule.update(
                                "nextRunAt = ?1, lastRunAt = ?2 where id = ?3 and nextRunAt = ?4",
                                next,
                                now,
                                s.id,
                                s.nextRunAt)
                        .chain(claimed -> claimed == 1
                                ? ScheduleFiring.of(s.id, s.nextRunAt, instance.get(), now)
                                        .<ScheduleFiring>persist()
                                : Uni.createFrom().nullItem())));
            } catch (Throwable e) {
                if (!alreadyFired(e)) {
                    throw e;
                }
                firing = null; // the occurrence is already recorded as fired
            }
            if (firing == null) {
                continue; // another replica owns this occurrence
            }
            Long firingId = firing.id;
            if (s.nextRunAt.isBefore(now.minus(MISFIRE_GRACE)) && "skip".equals(s.misfirePolicy)) {
                LOG.infof("schedule %s missed %s; misfire_policy skip", s.name, s.nextRunAt);
                continue;
            }
            Caller caller = new Caller("schedule:" + s.id, "schedule:" + s.name, false);
            String taskId = null;
            String error = null;
            try {
                Task t = VertxContextSupport.subscribeAndAwait(() -> runs.fire(s.kind, s.request, caller));
                taskId = t.taskId();
                started.add(taskId);
            } catch (Throwable e) {
                error = e.getMessage();
                LOG.warnf("schedule %s could not start its run: %s", s.name, error);
            }
            String task = taskId;
            String err = error;
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Schedule.update(
                            "lastTaskId = ?1, lastError = ?2 where id = ?3", task, err, s.id)
                    .chain(() -> ScheduleFiring.update("taskId = ?1, error = ?2 where id = ?3", task, err, firingId))));
        }
        return started;
    }

    /** A unique-key violation on schedule_firings: another replica recorded this occurrence first. */
    private static boolean alreadyFired(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException
                    || (t instanceof PgException pg && "23505".equals(pg.getSqlState()))) {
                return true;
            }
        }
        return false;
    }
}
