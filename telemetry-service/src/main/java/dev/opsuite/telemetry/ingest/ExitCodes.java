package dev.opsuite.telemetry.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The exit-code table of the install scripts, kept as data in {@code telemetry/exit-codes.tsv}. */
public final class ExitCodes {

    /** One row of the table; {@code category} is an {@code error_category} value. */
    public record ExitCode(int code, String category, String group, String description) {}

    private static final Map<Integer, ExitCode> TABLE = load();

    private ExitCodes() {}

    public static Optional<ExitCode> lookup(int code) {
        return Optional.ofNullable(TABLE.get(code));
    }

    public static Collection<ExitCode> all() {
        return TABLE.values();
    }

    /** The seed's get_error_description: a short English description for any code. */
    public static String describe(int code) {
        return lookup(code).map(ExitCode::description).orElse("Unknown error");
    }

    private static Map<Integer, ExitCode> load() {
        Map<Integer, ExitCode> table = new TreeMap<>();
        try (InputStream in = ExitCodes.class.getResourceAsStream("/telemetry/exit-codes.tsv")) {
            if (in == null) {
                throw new IllegalStateException("telemetry/exit-codes.tsv missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", 4);
                if (cols.length != 4) {
                    throw new IllegalStateException("bad exit-code line: " + line);
                }
                int code = Integer.parseInt(cols[0].trim());
                if (table.put(code, new ExitCode(code, cols[1].trim(), cols[2].trim(), cols[3].trim())) != null) {
                    throw new IllegalStateException("exit code listed twice: " + code);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(table);
    }
}
