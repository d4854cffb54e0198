package dev.opsuite.l10n.catalogue;

import java.util.List;

/** Rows of one list page (up to limit+1, the extra one meaning "more") and the total where cheap. */
public record Page<T>(List<T> rows, int limit, Long total) {}
