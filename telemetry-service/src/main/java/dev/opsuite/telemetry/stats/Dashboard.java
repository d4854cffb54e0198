package dev.opsuite.telemetry.stats;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The statistics of the dashboard, /stats and the dashboard page (all from the daily rollups). */
public record Dashboard(
        int days,
        String repo,
        String app,
        long total,
        long success,
        long failed,
        long aborted,
        long installing,
        long unknown,
        @JsonProperty("success_rate") double successRate,
        @JsonProperty("avg_install_duration") Double avgInstallDuration,
        @JsonProperty("top_apps") List<Count> topApps,
        @JsonProperty("os_distribution") List<Count> osDistribution,
        @JsonProperty("method_stats") List<Count> methodStats,
        @JsonProperty("pve_versions") List<Count> pveVersions,
        @JsonProperty("type_stats") List<Count> typeStats,
        @JsonProperty("error_categories") List<Count> errorCategories,
        @JsonProperty("gpu_vendors") List<Count> gpuVendors,
        @JsonProperty("gpu_passthrough") List<Count> gpuPassthrough,
        @JsonProperty("cpu_vendors") List<Count> cpuVendors,
        @JsonProperty("error_analysis") List<ErrorPattern> errorAnalysis,
        @JsonProperty("failure_ranking") List<FailureRank> failureRanking,
        List<DailyPoint> daily) {

    /** A value (app, OS, method, ...) and how many executions have it. */
    public record Count(String value, long count) {}

    /** A normalised error pattern, how many failed executions show it, and (some of) their apps. */
    public record ErrorPattern(String pattern, long count, List<String> apps) {}

    /** An app's failure rate in percent (apps with at least the configured minimum of executions). */
    public record FailureRank(
            String app,
            long total,
            long failed,
            @JsonProperty("failure_rate") double failureRate) {}

    public record DailyPoint(
            String date, long total, long success, long failed, long aborted, long installing, long unknown) {}
}
