package dev.opsuite.telemetry.domain;

import dev.opsuite.events.v1.TelemetryIngestEvent;
import dev.opsuite.telemetry.ingest.ErrorText;
import dev.opsuite.telemetry.ingest.IngestFields;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dedupe rules of an execution: only its first {@code installing} and its first terminal report
 * count; progress reports move the current step of a running execution; everything else is
 * absorbed (clients retry, and duplicate terminal reports once inflated failure counts 2–4×). A
 * sweeper timeout can still be replaced by the real terminal report when it arrives late.
 */
public final class ExecutionLifecycle {

    private ExecutionLifecycle() {}

    /** @return the new row, or null when the event is absorbed */
    public static Map<String, Object> next(Map<String, Object> current, TelemetryIngestEvent e) {
        String status = e.getStatus();
        boolean terminal = IngestFields.TERMINAL.contains(status);
        OffsetDateTime at = at(e);
        if (current == null) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("random_id", e.getRandomId());
            row.put("type", e.getType().isEmpty() ? "unknown" : e.getType());
            row.put("nsapp", e.getNsapp().isEmpty() ? "unknown" : e.getNsapp());
            row.put("started_at", at);
            row.put("swept", false);
            descriptive(row, e);
            if (terminal) {
                finish(row, e, at);
            } else {
                row.put("status", "installing");
                row.put("current_step", status);
            }
            row.put("updated_at", at);
            return row;
        }
        String currentStatus = (String) current.get("status");
        boolean currentTerminal = IngestFields.TERMINAL.contains(currentStatus);
        boolean swept = Boolean.TRUE.equals(current.get("swept"));
        if (currentTerminal && !(swept && terminal)) {
            return null;
        }
        if (status.equals("installing")) {
            return null;
        }
        Map<String, Object> row = new LinkedHashMap<>(current);
        descriptive(row, e);
        if (terminal) {
            finish(row, e, at);
            row.put("swept", false);
        } else {
            row.put("current_step", status);
        }
        row.put("updated_at", at);
        return row;
    }

    private static void finish(Map<String, Object> row, TelemetryIngestEvent e, OffsetDateTime at) {
        row.put("status", e.getStatus());
        row.put("finished_at", at);
        row.put("exit_code", e.hasExitCode() ? e.getExitCode() : null);
        row.put("error", blankToNull(e.getError()));
        row.put("error_category", blankToNull(e.getErrorCategory()));
        row.put("failed_command", blankToNull(e.getFailedCommand()));
        row.put("failed_line", blankToNull(e.getFailedLine()));
        if (e.hasInstallDuration()) {
            row.put("install_duration", e.getInstallDuration());
        }
        row.put("error_pattern", e.getStatus().equals("failed") ? ErrorText.pattern(e.getError()) : null);
    }

    /** What the report says about the machine and the script: a later report fills in or corrects it. */
    private static void descriptive(Map<String, Object> row, TelemetryIngestEvent e) {
        put(row, "os_type", e.getOsType());
        put(row, "os_version", e.getOsVersion());
        put(row, "pve_version", e.getPveVersion());
        put(row, "method", e.getMethod());
        put(row, "repo_source", e.getRepoSource());
        put(row, "repo_slug", e.getRepoSlug());
        put(row, "gpu_vendor", e.getGpuVendor());
        put(row, "gpu_passthrough", e.getGpuPassthrough());
        put(row, "cpu_vendor", e.getCpuVendor());
        put(row, "gpu_model", e.getGpuModel());
        put(row, "cpu_model", e.getCpuModel());
        put(row, "ram_speed", e.getRamSpeed());
        put(row, "payload_version", e.getPayloadVersion());
        put(row, "arch", e.getArch());
        put(row, "platform", e.getPlatform());
        put(row, "kernel_version", e.getKernelVersion());
        put(row, "app_version", e.getAppVersion());
        put(row, "protocol", e.getProtocol());
        if (e.hasCtType()) {
            row.put("ct_type", e.getCtType());
        }
        if (e.hasDiskSize()) {
            row.put("disk_size", e.getDiskSize());
        }
        if (e.hasCoreCount()) {
            row.put("core_count", e.getCoreCount());
        }
        if (e.hasRamSize()) {
            row.put("ram_size", e.getRamSize());
        }
        if (e.hasHasArm()) {
            row.put("has_arm", e.getHasArm());
        }
        if (e.hasInstallDuration()) {
            row.put("install_duration", e.getInstallDuration());
        }
        if (row.get("type") == null || "unknown".equals(row.get("type"))) {
            put(row, "type", e.getType());
        }
        if (row.get("nsapp") == null || "unknown".equals(row.get("nsapp"))) {
            put(row, "nsapp", e.getNsapp());
        }
    }

    private static void put(Map<String, Object> row, String column, String value) {
        if (value != null && !value.isEmpty()) {
            row.put(column, value);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static OffsetDateTime at(TelemetryIngestEvent e) {
        Instant i = e.hasReceivedAt()
                ? Instant.ofEpochSecond(
                        e.getReceivedAt().getSeconds(), e.getReceivedAt().getNanos())
                : Instant.now();
        return i.atOffset(ZoneOffset.UTC);
    }
}
