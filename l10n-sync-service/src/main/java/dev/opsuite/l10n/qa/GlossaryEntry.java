package dev.opsuite.l10n.qa;

/** A glossary term as QA needs it. */
public record GlossaryEntry(String term, String translation, boolean caseSensitive) {}
