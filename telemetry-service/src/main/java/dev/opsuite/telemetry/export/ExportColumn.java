package dev.opsuite.telemetry.export;

import dev.opsuite.telemetry.domain.Execution;
import java.util.function.Function;

/** A column of an export: its name in the output and the execution's value (null, number, boolean or text). */
public record ExportColumn(String name, Function<Execution, Object> value) {

    public static ExportColumn of(String name, Function<Execution, Object> value) {
        return new ExportColumn(name, value);
    }
}
