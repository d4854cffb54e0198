package dev.opsuite.automation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** Login for nodes. Every secret column holds a SecretBox ciphertext bound to "credential:&lt;id&gt;:&lt;field&gt;". */
@Entity
@Table(name = "credentials")
public class Credential extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;
    public String username;

    @Column(name = "auth_type")
    public String authType;

    @Column(name = "password_enc")
    public String passwordEnc;

    @Column(name = "private_key_enc")
    public String privateKeyEnc;

    @Column(name = "passphrase_enc")
    public String passphraseEnc;

    @Column(name = "cluster_name")
    public String clusterName;

    @Column(name = "node_pattern")
    public String nodePattern;

    @Column(name = "is_default")
    public boolean isDefault;

    @Column(name = "become_method")
    public String becomeMethod;

    @Column(name = "become_user")
    public String becomeUser;

    @Column(name = "become_password_enc")
    public String becomePasswordEnc;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
