package dev.opsuite.l10n.catalogue;

/** Body of POST /glossary and PUT /glossary/{uid}. */
public record GlossaryInput(String locale, String term, String translation, Boolean caseSensitive, String note) {}
