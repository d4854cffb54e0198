package dev.opsuite.l10n.export;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDictTrainer;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.l10n.cache.L10nCache;
import dev.opsuite.l10n.db.Jdbc;
import dev.opsuite.l10n.domain.Locales;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Per-locale zstd dictionaries ({@code zh_cn@2025-09}), trained from the locale's entries as they are
 * exported (one NDJSON line per entry) and measured on 1 KiB chunks of those lines: the ratio with the
 * dictionary and without one, both stored with the dictionary and offered in handshakes.
 */
@ApplicationScoped
public class DictionaryService {
    public static final int CHUNK = 1024;
    static final int DICT_SIZE = 64 * 1024;
    static final int LEVEL = 3;
    private static final int MAX_SAMPLE_BYTES = 8 * 1024 * 1024;

    private final Jdbc jdbc;
    private final L10nCache cache;

    public DictionaryService(Jdbc jdbc, L10nCache cache) {
        this.jdbc = jdbc;
        this.cache = cache;
    }

    public List<Dictionary> list(String locale) {
        if (locale == null) {
            return jdbc.query(
                    "SELECT " + Dictionary.COLUMNS + " FROM zstd_dicts ORDER BY locale, created_at DESC",
                    Dictionary::from);
        }
        return jdbc.query(
                "SELECT " + Dictionary.COLUMNS + " FROM zstd_dicts WHERE locale = ? ORDER BY created_at DESC",
                Dictionary::from,
                locale);
    }

    public Optional<Dictionary> latest(String locale) {
        List<Dictionary> all = list(locale);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    public byte[] bytes(String dictId) {
        return cache.get(
                L10nCache.Kind.DICT,
                dictId,
                () -> jdbc.one("SELECT data FROM zstd_dicts WHERE dict_id = ?", rs -> rs.getBytes(1), dictId)
                        .orElseThrow(() -> ApiException.notFound("No dictionary " + dictId)));
    }

    /** Trains (or retrains, same month = same id) the locale's dictionary; 422 when the locale has too few entries. */
    public Dictionary train(String locale) {
        Locales.require("locale", locale);
        List<byte[]> lines = new ArrayList<>();
        long[] total = {0};
        jdbc.tx(c -> {
            try (var ps = c.prepareStatement(
                    "SELECT " + ExportSql.JSON_LINE + " FROM translation_entries e "
                            + "JOIN language_files f ON f.uid = e.language_file_uid WHERE f.locale = ? ORDER BY e.revision DESC")) {
                ps.setFetchSize(1000);
                ps.setString(1, locale);
                try (var rs = ps.executeQuery()) {
                    while (rs.next() && total[0] < MAX_SAMPLE_BYTES) {
                        byte[] line = (rs.getString(1) + "\n").getBytes(StandardCharsets.UTF_8);
                        lines.add(line);
                        total[0] += line.length;
                    }
                }
            }
            return null;
        });
        if (lines.size() < 100) {
            throw ApiException.unprocessable(
                            "too_few_entries",
                            "Locale " + locale + " has " + lines.size() + " entries; a dictionary needs at least 100")
                    .withDetail("locale", locale);
        }
        ZstdDictTrainer trainer =
                new ZstdDictTrainer((int) Math.min(Integer.MAX_VALUE - 8, total[0] + 1024), DICT_SIZE);
        // odd lines train, even lines measure: the ratios are for text the dictionary has not seen
        List<byte[]> measure = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (i % 2 == 1) {
                trainer.addSample(lines.get(i));
            } else {
                measure.add(lines.get(i));
            }
        }
        byte[] dict = trainer.trainSamples();
        long zstdId = Zstd.getDictIdFromDict(dict);
        double[] ratios = ratios(measure, dict);
        String dictId = locale + "@" + YearMonth.now(ZoneOffset.UTC);
        jdbc.update(
                "INSERT INTO zstd_dicts (dict_id, locale, zstd_dict_id, data, samples, ratio_plain, ratio_dict) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dict_id) DO UPDATE SET zstd_dict_id = EXCLUDED.zstd_dict_id, "
                        + "data = EXCLUDED.data, samples = EXCLUDED.samples, ratio_plain = EXCLUDED.ratio_plain, "
                        + "ratio_dict = EXCLUDED.ratio_dict, created_at = now()",
                dictId,
                locale,
                zstdId,
                dict,
                lines.size() / 2,
                ratios[0],
                ratios[1]);
        cache.invalidate(L10nCache.Kind.DICT, dictId);
        return list(locale).stream()
                .filter(d -> d.dictId().equals(dictId))
                .findFirst()
                .orElseThrow();
    }

    /** [plain zstd ratio, dictionary ratio] over 1 KiB chunks of the lines. */
    public static double[] ratios(List<byte[]> lines, byte[] dict) {
        long raw = 0;
        long plain = 0;
        long withDict = 0;
        for (byte[] chunk : chunks(lines)) {
            raw += chunk.length;
            plain += Zstd.compress(chunk, LEVEL).length;
            withDict += Zstd.compressUsingDict(chunk, dict, LEVEL).length;
        }
        return new double[] {round((double) raw / plain), round((double) raw / withDict)};
    }

    static List<byte[]> chunks(List<byte[]> lines) {
        List<byte[]> out = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            if (current.size() > 0 && current.size() + line.length > CHUNK) {
                out.add(current.toByteArray());
                current.reset();
            }
            current.write(line, 0, line.length);
        }
        if (current.size() > 0) {
            out.add(current.toByteArray());
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
