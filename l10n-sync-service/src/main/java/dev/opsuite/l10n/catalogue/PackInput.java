package dev.opsuite.l10n.catalogue;

/** Body of POST /packs and PUT /packs/{uid}. */
public record PackInput(String platform, String slug, String title, String author, String homepage) {}
