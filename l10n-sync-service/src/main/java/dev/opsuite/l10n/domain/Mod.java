package dev.opsuite.l10n.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** A mod, identified by its mod id ({@code create}, {@code minecraft}). */
@Entity
@Table(name = "mods")
public class Mod extends PanacheEntityBase {
    @Id
    public String uid;

    public String modid;
    public String slug;
    public String name;
    public String homepage;

    @Version
    public long version;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
