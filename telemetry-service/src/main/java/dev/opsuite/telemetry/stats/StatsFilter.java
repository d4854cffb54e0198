package dev.opsuite.telemetry.stats;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.telemetry.domain.RollupFilter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The range and filters of a statistics request. {@code days}: the last N calendar days (UTC)
 * including today, 1–365; 0 = all time.
 */
public record StatsFilter(int days, String repo, String app) {
    public static final int MAX_DAYS = 365;

    public static StatsFilter of(Integer days, int defaultDays, String repo, String app) {
        int d = days == null ? defaultDays : days;
        if (d < 0 || d > MAX_DAYS) {
            throw ApiException.validation("days must be between 0 and " + MAX_DAYS, Map.of("days", "0-" + MAX_DAYS));
        }
        return new StatsFilter(d, blankToNull(repo), blankToNull(app));
    }

    /** First day of the range, or null for all time. */
    public LocalDate since() {
        return days == 0 ? null : LocalDate.now(ZoneOffset.UTC).minusDays(days - 1L);
    }

    /** The rollup rows this filter reads. */
    public RollupFilter rollups() {
        return new RollupFilter(since(), repo, app);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
