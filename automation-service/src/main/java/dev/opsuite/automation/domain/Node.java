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

/** A node of a cluster: where SSH connects, and the host key pinned for it. */
@Entity
@Table(name = "nodes")
public class Node extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "cluster_id")
    public Long clusterId;

    public String name;
    public String host;
    public int port = 22;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> labels;

    @Column(name = "host_key_fingerprint")
    public String hostKeyFingerprint;

    @Column(name = "host_key")
    public String hostKey;

    public String source;
    public Boolean online;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
