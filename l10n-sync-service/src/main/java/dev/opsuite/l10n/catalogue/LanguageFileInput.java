package dev.opsuite.l10n.catalogue;

/** Body of POST /language-files. */
public record LanguageFileInput(String carrierType, String carrierUid, String locale, String relPath, String format) {}
