package dev.opsuite.l10n.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** A modpack on a platform. */
@Entity
@Table(name = "packs")
public class Pack extends PanacheEntityBase {
    @Id
    public String uid;

    public String platform;
    public String slug;
    public String title;
    public String author;
    public String homepage;

    @Version
    public long version;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
