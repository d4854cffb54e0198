package dev.opsuite.automation.schedule;

import dev.opsuite.automation.audit.AuditLog;
import dev.opsuite.automation.domain.Schedule;
import dev.opsuite.automation.inventory.Names;
import dev.opsuite.common.error.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** Schedules (Panache): validated cron, time zone, misfire policy and execute request; next_run_at kept current. */
@ApplicationScoped
public class ScheduleService {
    public record SchedulePage(long total, List<Schedule> schedules) {}

    private final ScheduledRuns runs;
    private final AuditLog audit;

    public ScheduleService(ScheduledRuns runs, AuditLog audit) {
        this.runs = runs;
        this.audit = audit;
    }

    @WithSession
    public Uni<SchedulePage> list(int offset, int limit) {
        return Schedule.count()
                .chain(total -> Schedule.<Schedule>findAll(Sort.by("id"))
                        .page(Page.of(offset / limit, limit))
                        .list()
                        .map(list -> new SchedulePage(total, list)));
    }

    @WithSession
    public Uni<Schedule> get(long id) {
        return find(id);
    }

    @WithTransaction
    public Uni<Schedule> create(ScheduleSpec spec, String createdBy) {
        Names.require("name", spec.name());
        Schedule s = new Schedule();
        s.name = spec.name();
        s.kind = spec.kind();
        s.cron = spec.cron();
        s.timeZone = spec.timeZone() == null ? "UTC" : spec.timeZone();
        s.enabled = spec.enabled() == null || spec.enabled();
        s.misfirePolicy = misfire(spec.misfirePolicy(), "run_once");
        s.request = spec.request();
        s.createdBy = createdBy;
        s.createdAt = OffsetDateTime.now();
        s.updatedAt = s.createdAt;
        validate(s);
        return Schedule.count("name", s.name)
                .chain(n -> {
                    if (n > 0) {
                        throw ApiException.conflict("schedule " + s.name + " already exists");
                    }
                    return s.<Schedule>persist();
                })
                .call(x -> audit.record("create", "schedule", x.id, null, x, x.name));
    }

    @WithTransaction
    public Uni<Schedule> update(long id, ScheduleSpec spec) {
        return find(id).chain(s -> {
            Map<String, Object> before = AuditLog.snapshot(s);
            if (spec.name() != null) {
                s.name = Names.require("name", spec.name());
            }
            if (spec.kind() != null) {
                s.kind = spec.kind();
            }
            if (spec.cron() != null) {
                s.cron = spec.cron();
            }
            if (spec.timeZone() != null) {
                s.timeZone = spec.timeZone();
            }
            if (spec.enabled() != null) {
                s.enabled = spec.enabled();
            }
            if (spec.misfirePolicy() != null) {
                s.misfirePolicy = misfire(spec.misfirePolicy(), s.misfirePolicy);
            }
            if (spec.request() != null) {
                s.request = spec.request();
            }
            s.updatedAt = OffsetDateTime.now();
            validate(s);
            return audit.record("update", "schedule", s.id, before, s, s.name).replaceWith(s);
        });
    }

    @WithTransaction
    public Uni<Void> delete(long id) {
        return find(id).chain(s ->
                audit.record("delete", "schedule", s.id, s, null, s.name).chain(() -> s.delete()));
    }

    private void validate(Schedule s) {
        CronTimes.parse(s.cron);
        CronTimes.zone(s.timeZone);
        runs.check(s.kind, s.request);
        s.nextRunAt = s.enabled ? CronTimes.next(s.cron, s.timeZone, OffsetDateTime.now()) : null;
    }

    private static String misfire(String value, String fallback) {
        if (value == null) {
            return fallback;
        }
        if (!value.equals("run_once") && !value.equals("skip")) {
            throw ApiException.unprocessable("invalid_schedule", "misfire_policy must be run_once or skip");
        }
        return value;
    }

    private Uni<Schedule> find(long id) {
        return Schedule.<Schedule>findById(id).map(s -> {
            if (s == null) {
                throw ApiException.notFound("计划 ID " + id + " 不存在");
            }
            return s;
        });
    }
}
