package dev.opsuite.automation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One fired occurrence of a schedule: by which replica, and the run it started or why none started. */
@Entity
@Table(name = "schedule_firings")
public class ScheduleFiring extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "schedule_id")
    public Long scheduleId;

    public OffsetDateTime occurrence;

    @Column(name = "instance_id")
    public String instanceId;

    @Column(name = "fired_at")
    public OffsetDateTime firedAt;

    @Column(name = "task_id")
    public String taskId;

    public String error;

    public static ScheduleFiring of(Long scheduleId, OffsetDateTime occurrence, String instanceId, OffsetDateTime at) {
        ScheduleFiring f = new ScheduleFiring();
        f.scheduleId = scheduleId;
        f.occurrence = occurrence;
        f.instanceId = instanceId;
        f.firedAt = at;
        return f;
    }
}
