package dev.opsuite.automation.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;

@Entity
@Table(name = "scripts")
public class Script extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;
    public String description;
    public String content;
    public String language;
    public String category;

    @Convert(converter = StringListJson.class)
    public List<String> tags;

    @Convert(converter = ParameterListJson.class)
    public List<ScriptParameter> parameters;

    @Column(name = "is_builtin")
    public boolean isBuiltin;

    @Column(name = "builtin_key")
    public String builtinKey;

    @Column(name = "is_active")
    public boolean isActive = true;

    public int version = 1;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
