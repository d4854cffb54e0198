package dev.opsuite.automation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A cron schedule: what to run ({@code kind} + the execute request) and when. */
@Entity
@Table(name = "schedules")
public class Schedule extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;
    public String kind;
    public String cron;

    @Column(name = "time_zone")
    public String timeZone;

    public boolean enabled = true;

    @Column(name = "misfire_policy")
    public String misfirePolicy;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> request;

    @Column(name = "next_run_at")
    public OffsetDateTime nextRunAt;

    @Column(name = "last_run_at")
    public OffsetDateTime lastRunAt;

    @Column(name = "last_task_id")
    public String lastTaskId;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
