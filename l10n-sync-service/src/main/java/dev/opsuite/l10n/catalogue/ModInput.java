package dev.opsuite.l10n.catalogue;

/** Body of POST /mods and PUT /mods/{uid}. */
public record ModInput(String modid, String slug, String name, String homepage) {}
