package dev.opsuite.automation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** The one row of feature switches and runtime engine settings shared by all replicas. */
@Entity
@Table(name = "feature_settings")
public class FeatureSettings extends PanacheEntityBase {
    public static final int ROW = 1;

    @Id
    public Integer id;

    public boolean enabled;

    @Column(name = "ansible_enabled")
    public boolean ansibleEnabled;

    @Column(name = "ssh_enabled")
    public boolean sshEnabled;

    @Column(name = "scripts_enabled")
    public boolean scriptsEnabled;

    @Column(name = "workflows_enabled")
    public boolean workflowsEnabled;

    @Column(name = "ansible_binary_path")
    public String ansibleBinaryPath;

    @Column(name = "ansible_temp_dir")
    public String ansibleTempDir;

    @Column(name = "ansible_timeout")
    public int ansibleTimeout;

    @Column(name = "ansible_max_concurrent")
    public int ansibleMaxConcurrent;

    @Column(name = "ssh_timeout")
    public int sshTimeout;

    @Column(name = "ssh_max_concurrent")
    public int sshMaxConcurrent;

    @Column(name = "ssh_pool_size")
    public int sshPoolSize;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
