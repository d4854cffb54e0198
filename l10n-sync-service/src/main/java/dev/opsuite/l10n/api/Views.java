package dev.opsuite.l10n.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsuite.l10n.domain.GlossaryTerm;
import dev.opsuite.l10n.domain.LanguageFile;
import dev.opsuite.l10n.domain.Mod;
import dev.opsuite.l10n.domain.ModVersion;
import dev.opsuite.l10n.domain.Pack;
import dev.opsuite.l10n.domain.PackVersion;
import dev.opsuite.l10n.domain.TranslationEntry;
import java.time.OffsetDateTime;
import java.util.List;

/** Response shapes of the catalogue (snake_case on the wire). */
public final class Views {
    private Views() {}

    public record PackView(
            String uid,
            String platform,
            String slug,
            String title,
            String author,
            String homepage,
            long version,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        static PackView of(Pack p) {
            return new PackView(
                    p.uid, p.platform, p.slug, p.title, p.author, p.homepage, p.version, p.createdAt, p.updatedAt);
        }
    }

    public record PackVersionView(
            String uid,
            String packUid,
            String mcVersion,
            String loader,
            JsonNode manifestJson,
            String manifestHash,
            List<String> modUids,
            long version,
            OffsetDateTime createdAt) {
        static PackVersionView of(PackVersion v, List<String> mods) {
            return new PackVersionView(
                    v.uid,
                    v.packUid,
                    v.mcVersion,
                    v.loader,
                    v.manifestJson,
                    v.manifestHash,
                    mods,
                    v.version,
                    v.createdAt);
        }
    }

    public record ModView(
            String uid,
            String modid,
            String slug,
            String name,
            String homepage,
            long version,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
        static ModView of(Mod m) {
            return new ModView(m.uid, m.modid, m.slug, m.name, m.homepage, m.version, m.createdAt, m.updatedAt);
        }
    }

    public record ModVersionView(
            String uid,
            String modUid,
            String loader,
            String mcVersion,
            String version,
            JsonNode metaJson,
            long rowVersion,
            OffsetDateTime createdAt) {
        static ModVersionView of(ModVersion v) {
            return new ModVersionView(
                    v.uid, v.modUid, v.loader, v.mcVersion, v.modVersion, v.metaJson, v.rowVersion, v.createdAt);
        }
    }

    public record LanguageFileView(
            String uid,
            String carrierType,
            String carrierUid,
            String locale,
            String relPath,
            String format,
            long version,
            OffsetDateTime createdAt) {
        static LanguageFileView of(LanguageFile f) {
            return new LanguageFileView(
                    f.uid, f.carrierType, f.carrierUid, f.locale, f.relPath, f.format, f.version, f.createdAt);
        }
    }

    public record TranslationView(
            String uid,
            String languageFileUid,
            String key,
            String srcText,
            String dstText,
            String status,
            JsonNode qaFlags,
            long version,
            String cid,
            long revision,
            OffsetDateTime updatedAt) {
        static TranslationView of(TranslationEntry e) {
            return new TranslationView(
                    e.uid,
                    e.languageFileUid,
                    e.key,
                    e.srcText,
                    e.dstText,
                    e.status,
                    e.qaFlags,
                    e.version,
                    e.cid,
                    e.revision,
                    e.updatedAt);
        }
    }

    public record GlossaryView(
            String uid,
            String locale,
            String term,
            String translation,
            boolean caseSensitive,
            String note,
            long version) {
        static GlossaryView of(GlossaryTerm t) {
            return new GlossaryView(t.uid, t.locale, t.term, t.translation, t.caseSensitive, t.note, t.version);
        }
    }
}
