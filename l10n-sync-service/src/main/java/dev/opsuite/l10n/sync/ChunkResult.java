package dev.opsuite.l10n.sync;

import java.util.ArrayList;
import java.util.List;

/** Counts of applying deltas (one chunk or a whole commit). */
public record ChunkResult(
        long processed,
        long applied,
        long merged,
        long conflicts,
        long skipped,
        long errors,
        List<String> conflictingEntryUids,
        List<String> errorMessages) {

    public static ChunkResult empty() {
        return new ChunkResult(0, 0, 0, 0, 0, 0, List.of(), List.of());
    }

    public ChunkResult plus(ChunkResult o) {
        List<String> uids = new ArrayList<>(conflictingEntryUids);
        for (String u : o.conflictingEntryUids) {
            if (uids.size() < 1000) {
                uids.add(u);
            }
        }
        List<String> errs = new ArrayList<>(errorMessages);
        for (String e : o.errorMessages) {
            if (errs.size() < 100) {
                errs.add(e);
            }
        }
        return new ChunkResult(
                processed + o.processed,
                applied + o.applied,
                merged + o.merged,
                conflicts + o.conflicts,
                skipped + o.skipped,
                errors + o.errors,
                uids,
                errs);
    }
}
