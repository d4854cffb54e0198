package dev.opsuite.l10n.catalogue;

/** limit + (offset or after-uid) as the list endpoints take them. */
public record Paging(int limit, int offset, String afterUid) {}
