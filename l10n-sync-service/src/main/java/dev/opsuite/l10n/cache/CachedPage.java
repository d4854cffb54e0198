package dev.opsuite.l10n.cache;

/** An export page as sent: its bytes (uncompressed), rows, ETag and the revision of its last row. */
public record CachedPage(byte[] body, long rows, String etag, long lastRevision) {}
