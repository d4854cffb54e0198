package dev.opsuite.l10n.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Body of POST /pack-versions; {@code mod_uids}: the mods the version contains (its scope). */
public record PackVersionInput(
        String packUid, String mcVersion, String loader, JsonNode manifestJson, List<String> modUids) {}
