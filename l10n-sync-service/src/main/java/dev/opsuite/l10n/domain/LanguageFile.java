package dev.opsuite.l10n.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** One language file of a carrier (mod, resource pack, data pack, override) for one locale. */
@Entity
@Table(name = "language_files")
public class LanguageFile extends PanacheEntityBase {
    @Id
    public String uid;

    @Column(name = "carrier_type")
    public String carrierType;

    @Column(name = "carrier_uid")
    public String carrierUid;

    public String locale;

    @Column(name = "rel_path")
    public String relPath;

    public String format;

    @Version
    public long version;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
