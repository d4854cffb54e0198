package dev.opsuite.l10n.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Vanilla Minecraft language data from the minecraft-data npm package (fetched by the build into
 * target/minecraft-data, see src/test/fetch-minecraft-data.sh), and a generated second locale.
 */
public final class MinecraftData {
    public static final Path ROOT = Path.of("target", "minecraft-data", "data", "pc");

    private MinecraftData() {}

    public static Path file(String version) {
        Path p = ROOT.resolve(version).resolve("language.json");
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(
                    p.toAbsolutePath() + " is missing: the build fetches it with npm pack "
                            + "(src/test/fetch-minecraft-data.sh); run the module's build once with access to the npm registry");
        }
        return p;
    }

    public static String raw(String version) {
        try {
            return Files.readString(file(version));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LinkedHashMap<String, String> enUs(String version) {
        try {
            return new ObjectMapper()
                    .readValue(file(version).toFile(), new TypeReference<LinkedHashMap<String, String>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A deterministic pseudo-translation: every word becomes "[word]" reversed-case, placeholders are
     * kept but their order is swapped to explicit indices where there are two (%s a %s -> %2$s a %1$s),
     * § codes kept. Good enough to exercise QA the way a real translation would.
     */
    public static String pseudo(String en) {
        String swapped = en;
        if (count(en, "%s") == 2 && !en.contains("$")) {
            int first = en.indexOf("%s");
            int second = en.indexOf("%s", first + 2);
            swapped = en.substring(0, first) + "%2$s" + en.substring(first + 2, second) + "%1$s"
                    + en.substring(second + 2);
        }
        StringBuilder out = new StringBuilder("〔");
        for (int i = 0; i < swapped.length(); i++) {
            char c = swapped.charAt(i);
            out.append(
                    Character.isLetter(c)
                                    && (i == 0
                                            || swapped.charAt(i - 1) != '%'
                                                    && swapped.charAt(i - 1) != '$'
                                                    && swapped.charAt(i - 1) != '§')
                            ? (Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c))
                            : c);
        }
        return out.append('〕').toString();
    }

    public static Map<String, String> pseudoLocale(Map<String, String> en) {
        Map<String, String> out = new LinkedHashMap<>();
        en.forEach((k, v) -> out.put(k, pseudo(v)));
        return out;
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
