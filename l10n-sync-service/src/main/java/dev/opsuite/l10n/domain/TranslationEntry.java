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

/**
 * One key of a language file: source text, translation, review status, QA flags. {@code version}
 * counts changes (the strong ETag); {@code cid} addresses the content; {@code revision} is the
 * entry's place in the global change order. Bulk paths (import, sync commit, export) reach the same
 * table through {@link EntryRow}, whose column list this entity mirrors.
 */
@Entity
@Table(name = "translation_entries")
public class TranslationEntry extends PanacheEntityBase {
    @Id
    public String uid;

    @Column(name = "language_file_uid")
    public String languageFileUid;

    public String key;

    @Column(name = "src_text")
    public String srcText;

    @Column(name = "dst_text")
    public String dstText;

    public String status;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "qa_flags")
    public JsonNode qaFlags;

    @Version
    public long version;

    public String cid;

    @Column(name = "bloom_h1")
    public long bloomH1;

    @Column(name = "bloom_h2")
    public long bloomH2;

    public long revision;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public EntryContent content() {
        return new EntryContent(languageFileUid, key, srcText, dstText, status);
    }
}
