package dev.opsuite.l10n.domain;

/** What an entry's CID covers: the content, not the identity or bookkeeping (version, QA flags). */
public record EntryContent(String languageFileUid, String key, String srcText, String dstText, String status) {}
