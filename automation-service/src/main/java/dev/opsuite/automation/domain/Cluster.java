package dev.opsuite.automation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A cluster of nodes automation runs on; the Kubernetes token stays a SecretBox ciphertext here. */
@Entity
@Table(name = "clusters")
public class Cluster extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;
    public String description;

    @Column(name = "host_key_policy")
    public String hostKeyPolicy;

    @Column(name = "kube_api_url")
    public String kubeApiUrl;

    @Column(name = "kube_token")
    public String kubeTokenEnc;

    @Column(name = "kube_ca_cert")
    public String kubeCaCert;

    public String source;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public boolean tofu() {
        return HostKeyPolicy.TOFU.wire().equals(hostKeyPolicy);
    }
}
