package dev.opsuite.l10n.imports;

import java.util.LinkedHashMap;

/** A parsed language file: key -> text in file order, and how many keys appeared more than once. */
public record LangFile(LinkedHashMap<String, String> entries, int duplicateKeys) {}
