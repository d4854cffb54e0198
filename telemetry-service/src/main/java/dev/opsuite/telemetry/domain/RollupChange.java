package dev.opsuite.telemetry.domain;

import java.time.LocalDate;

/** A delta to one row of {@code rollup_daily} (pattern == null) or {@code rollup_errors_daily}. */
public record RollupChange(LocalDate day, String repoSource, String nsapp, String dim, String val, String status,
                           String pattern, long executions, long durationSum, long durationCount) {

    public boolean isError() {
        return pattern != null;
    }

    String sortKey() {
        return day + "|" + repoSource + "|" + nsapp + "|" + dim + "|" + val + "|" + status + "|" + pattern;
    }
}
