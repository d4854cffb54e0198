package dev.opsuite.l10n.entries;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One line of the batch answer: the input line number, its outcome and the entry's version after it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchResult(
        int line,
        String entryUid,
        int status,
        String result,
        Long version,
        Long currentVersion,
        String cid,
        String error) {}
