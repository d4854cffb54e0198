package dev.opsuite.automation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A webhook subscription: which task events (started, succeeded, failed) of which runs (a kind, a
 * template by {@code ref_id}, a schedule) are posted to {@code url}, signed with the secret.
 */
@Entity
@Table(name = "notifications")
public class Notification extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;
    public String url;

    @Column(name = "secret_enc")
    public String secretEnc;

    public String events;
    public String kind;

    @Column(name = "ref_id")
    public Long refId;

    @Column(name = "schedule_id")
    public Long scheduleId;

    public boolean enabled = true;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
