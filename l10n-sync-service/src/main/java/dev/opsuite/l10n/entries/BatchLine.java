package dev.opsuite.l10n.entries;

import com.fasterxml.jackson.databind.JsonNode;

/** One line of POST /translations/batch: {entry_uid, dst_text, status, base_version?}. */
public record BatchLine(String entryUid, JsonNode dstText, String status, JsonNode baseVersion) {}
