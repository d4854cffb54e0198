package dev.opsuite.l10n.sync;

import dev.opsuite.l10n.domain.EntryContent;
import dev.opsuite.l10n.domain.EntryStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Merges a client's delta into an entry that changed since the client's base version. Per field the
 * client changes: if the server's value is still the base value, the client's wins (no overlap); if
 * both made the same change, fine; otherwise both changed it differently: a conflict, resolved by
 * {@code conflict_resolution} — {@code mark_for_review} (default: the server's value stays, the entry
 * becomes {@code conflict} with base/local/remote per field in qa_flags.merge_conflict),
 * {@code take_remote} (the client's value) or {@code take_local} (the server's value).
 * "local" is the server's current content, "remote" the incoming delta.
 */
public final class ThreeWayMerge {
    private ThreeWayMerge() {}

    public record Outcome(EntryContent content, boolean merged, Map<String, Object> conflict) {}

    public static Outcome merge(
            EntryContent base,
            EntryContent current,
            EntryDelta d,
            String resolution,
            long baseVersion,
            long currentVersion) {
        String src = current.srcText();
        String dst = current.dstText();
        String status = current.status();
        Map<String, Object> fields = new LinkedHashMap<>();
        boolean merged = false;
        if (d.srcGiven()) {
            Field f = field("src_text", base.srcText(), current.srcText(), d.srcText(), resolution, fields);
            src = f.value;
            merged |= f.merged;
        }
        if (d.dstGiven()) {
            Field f = field("dst_text", base.dstText(), current.dstText(), d.dstText(), resolution, fields);
            dst = f.value;
            merged |= f.merged;
        }
        if (d.status() != null) {
            Field f = field("status", base.status(), current.status(), d.status(), resolution, fields);
            status = f.value;
            merged |= f.merged;
        }
        Map<String, Object> conflict = null;
        if (!fields.isEmpty()) {
            conflict = new LinkedHashMap<>();
            conflict.put("base_version", baseVersion);
            conflict.put("local_version", currentVersion);
            conflict.put("resolution", resolution);
            conflict.put("fields", fields);
            if (d.ts() != null) {
                conflict.put("remote_ts", d.ts());
            }
            if (resolution.equals("mark_for_review")) {
                status = EntryStatus.CONFLICT.wire();
            }
        }
        return new Outcome(
                new EntryContent(current.languageFileUid(), current.key(), src, dst, status), merged, conflict);
    }

    private record Field(String value, boolean merged) {}

    private static Field field(
            String name, String base, String local, String remote, String resolution, Map<String, Object> conflicts) {
        if (Objects.equals(local, remote)) {
            return new Field(local, false);
        }
        if (Objects.equals(local, base)) {
            return new Field(remote, true);
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("base", base);
        c.put("local", local);
        c.put("remote", remote);
        conflicts.put(name, c);
        return new Field(resolution.equals("take_remote") ? remote : local, false);
    }
}
