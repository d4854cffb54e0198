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

/** One release of a pack: Minecraft version, loader and its manifest. */
@Entity
@Table(name = "pack_versions")
public class PackVersion extends PanacheEntityBase {
    @Id
    public String uid;

    @Column(name = "pack_uid")
    public String packUid;

    @Column(name = "mc_version")
    public String mcVersion;

    public String loader;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "manifest_json")
    public JsonNode manifestJson;

    @Column(name = "manifest_hash")
    public String manifestHash;

    @Version
    public long version;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
