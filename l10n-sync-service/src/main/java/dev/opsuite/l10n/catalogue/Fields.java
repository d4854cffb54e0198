package dev.opsuite.l10n.catalogue;

import dev.opsuite.l10n.domain.Texts;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;

/** Field rules shared by the catalogue's objects; each failure is a 400 naming the field. */
final class Fields {
    static final List<String> PLATFORMS = List.of("modrinth", "curseforge", "custom");
    static final List<String> LOADERS = List.of("forge", "neoforge", "fabric", "quilt", "multi", "unknown");
    static final List<String> CARRIERS = List.of("mod", "resource_pack", "data_pack", "override");
    static final List<String> FORMATS = List.of("json", "lang", "properties");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");
    private static final Pattern MODID = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
    private static final Pattern MC_VERSION = Pattern.compile("[0-9][0-9A-Za-z.+_-]{0,31}");
    private static final Pattern REL_PATH = Pattern.compile("[^\\\\:*?\"<>|]{1,500}");

    private Fields() {}

    static String oneOf(String field, String value, List<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw Texts.invalid(field, "must be one of " + String.join(", ", allowed));
        }
        return value;
    }

    static String slug(String field, String value) {
        if (value == null || !SLUG.matcher(value).matches()) {
            throw Texts.invalid(field, "must be 1-128 lower-case letters, digits, '.', '_' or '-'");
        }
        return value;
    }

    static String optionalSlug(String field, String value) {
        return value == null ? null : slug(field, value);
    }

    static String modid(String value) {
        if (value == null || !MODID.matcher(value).matches()) {
            throw Texts.invalid(
                    "modid", "must start with a letter: lower-case letters, digits, '_', '.', '-' (max 64)");
        }
        return value;
    }

    static String mcVersion(String value) {
        if (value == null || !MC_VERSION.matcher(value).matches()) {
            throw Texts.invalid("mc_version", "must be a Minecraft version such as 1.20.1");
        }
        return value;
    }

    static String optionalText(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        Texts.clean(field, value);
        if (value.length() > max) {
            throw Texts.invalid(field, "must be at most " + max + " characters");
        }
        return value;
    }

    static String homepage(String value) {
        if (value == null) {
            return null;
        }
        optionalText("homepage", value, 2000);
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw Texts.invalid("homepage", "must be an http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw Texts.invalid("homepage", "must be an http(s) URL");
        }
        return value;
    }

    static String relPath(String value) {
        Texts.required("rel_path", value);
        if (!REL_PATH.matcher(value).matches() || value.startsWith("/") || value.contains("..")) {
            throw Texts.invalid("rel_path", "must be a relative path inside the carrier (no .., no leading /)");
        }
        return value;
    }
}
