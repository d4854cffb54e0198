package dev.opsuite.telemetry.legacy;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.telemetry.domain.Execution;
import dev.opsuite.telemetry.export.ExportColumn;
import java.time.OffsetDateTime;
import java.util.List;

/** An execution with the field names of the 2025 legacy API. */
public record LegacyRecord(
        @JsonProperty("random_id") String randomId,
        @JsonProperty("execution_id") String executionId,
        String type,
        String nsapp,
        String status,
        @JsonProperty("ct_type") Integer ctType,
        @JsonProperty("disk_size") Integer diskSize,
        @JsonProperty("core_count") Integer coreCount,
        @JsonProperty("ram_size") Integer ramSize,
        @JsonProperty("os_type") String osType,
        @JsonProperty("os_version") String osVersion,
        @JsonProperty("pve_version") String pveVersion,
        String method,
        String error,
        @JsonProperty("exit_code") Integer exitCode,
        @JsonProperty("created_at") OffsetDateTime createdAt) {

    /** The same fields for the streamed lists, in the same order. */
    static final List<ExportColumn> COLUMNS = List.of(
            ExportColumn.of("random_id", Execution::randomId),
            ExportColumn.of("execution_id", Execution::executionId),
            ExportColumn.of("type", Execution::type),
            ExportColumn.of("nsapp", Execution::nsapp),
            ExportColumn.of("status", e -> e.status().value()),
            ExportColumn.of("ct_type", Execution::ctType),
            ExportColumn.of("disk_size", Execution::diskSize),
            ExportColumn.of("core_count", Execution::coreCount),
            ExportColumn.of("ram_size", Execution::ramSize),
            ExportColumn.of("os_type", Execution::osType),
            ExportColumn.of("os_version", Execution::osVersion),
            ExportColumn.of("pve_version", Execution::pveVersion),
            ExportColumn.of("method", Execution::method),
            ExportColumn.of("error", Execution::error),
            ExportColumn.of("exit_code", Execution::exitCode),
            ExportColumn.of("created_at", Execution::startedAt));

    static LegacyRecord of(Execution e) {
        return new LegacyRecord(
                e.randomId(),
                e.executionId(),
                e.type(),
                e.nsapp(),
                e.status().value(),
                e.ctType(),
                e.diskSize(),
                e.coreCount(),
                e.ramSize(),
                e.osType(),
                e.osVersion(),
                e.pveVersion(),
                e.method(),
                e.error(),
                e.exitCode(),
                e.startedAt());
    }
}
