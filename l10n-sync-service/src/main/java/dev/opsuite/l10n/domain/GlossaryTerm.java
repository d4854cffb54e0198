package dev.opsuite.l10n.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** A source term and its required translation in one locale ({@code glossary_check}). */
@Entity
@Table(name = "glossary_terms")
public class GlossaryTerm extends PanacheEntityBase {
    @Id
    public String uid;

    public String locale;
    public String term;
    public String translation;

    @Column(name = "case_sensitive")
    public boolean caseSensitive;

    public String note;

    @Version
    public long version;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
