package dev.opsuite.l10n.sync;

/** One line of a chunk: a change to one entry relative to the version the client based it on. */
public record EntryDelta(
        String entryUid,
        String languageFileUid,
        String key,
        Long baseVersion,
        boolean srcGiven,
        String srcText,
        boolean dstGiven,
        String dstText,
        String status,
        String ts) {}
