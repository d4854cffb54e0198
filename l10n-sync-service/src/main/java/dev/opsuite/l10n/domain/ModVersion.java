package dev.opsuite.l10n.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One release of a mod for a loader and Minecraft version. */
@Entity
@Table(name = "mod_versions")
public class ModVersion extends PanacheEntityBase {
    @Id
    public String uid;

    @Column(name = "mod_uid")
    public String modUid;

    public String loader;

    @Column(name = "mc_version")
    public String mcVersion;

    /** the mod's own version string ("0.5.1f") */
    @Column(name = "version")
    public String modVersion;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "meta_json")
    public JsonNode metaJson;

    /** the row's change counter ("version" is the mod's release name here) */
    @Version
    @Column(name = "row_version")
    public long rowVersion;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
