package dev.opsuite.l10n.catalogue;

import com.fasterxml.jackson.databind.JsonNode;

/** Body of POST /mod-versions. */
public record ModVersionInput(String modUid, String loader, String mcVersion, String version, JsonNode metaJson) {}
