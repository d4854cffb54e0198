package dev.opsuite.telemetry.domain;

import dev.opsuite.events.v1.TelemetryIngestEvent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/**
 * The dedupe rules of an execution: only its first {@code installing} and its first terminal report
 * count; progress reports move the current step of a running execution; everything else is
 * absorbed (clients retry, and duplicate terminal reports once inflated failure counts 2–4×). A
 * sweeper timeout can still be replaced by the real terminal report when it arrives late.
 */
public final class ExecutionLifecycle {
    static final String TIMEOUT_CATEGORY = "timeout";

    private ExecutionLifecycle() {}

    /** @return the execution after the report, or null when the report is absorbed */
    public static Execution next(Execution current, TelemetryIngestEvent e) {
        ExecutionStatus reported = ExecutionStatus.reported(e.getStatus());
        boolean terminal = reported != null && reported.isTerminal();
        OffsetDateTime at = at(e);
        if (current == null) {
            Execution.Builder row = Execution.builder(e.getExecutionId())
                    .randomId(e.getRandomId())
                    .type(e.getType().isEmpty() ? "unknown" : e.getType())
                    .nsapp(e.getNsapp().isEmpty() ? "unknown" : e.getNsapp())
                    .startedAt(at)
                    .swept(false);
            descriptive(row, e);
            if (terminal) {
                finish(row, e, reported, at);
            } else {
                row.status(ExecutionStatus.INSTALLING).currentStep(e.getStatus());
            }
            return row.updatedAt(at).build();
        }
        if (current.status().isTerminal() && !(current.swept() && terminal)) {
            return null;
        }
        if (reported == ExecutionStatus.INSTALLING) {
            return null;
        }
        Execution.Builder row = current.toBuilder();
        descriptive(row, e);
        if (terminal) {
            finish(row, e, reported, at);
            row.swept(false);
        } else {
            row.currentStep(e.getStatus());
        }
        return row.updatedAt(at).build();
    }

    /**
     * An execution without news for too long (the client died, the host lost power): unknown, category
     * timeout, marked swept so that a late real terminal report still replaces it.
     */
    public static Execution timedOut(Execution stuck, OffsetDateTime now) {
        return stuck.toBuilder()
                .status(ExecutionStatus.UNKNOWN)
                .errorCategory(TIMEOUT_CATEGORY)
                .swept(true)
                .finishedAt(now)
                .updatedAt(now)
                .errorPattern(null)
                .build();
    }

    private static void finish(
            Execution.Builder row, TelemetryIngestEvent e, ExecutionStatus status, OffsetDateTime at) {
        row.status(status)
                .finishedAt(at)
                .exitCode(e.hasExitCode() ? e.getExitCode() : null)
                .error(blankToNull(e.getError()))
                .errorCategory(blankToNull(e.getErrorCategory()))
                .failedCommand(blankToNull(e.getFailedCommand()))
                .failedLine(blankToNull(e.getFailedLine()))
                .errorPattern(status == ExecutionStatus.FAILED ? ErrorPatterns.of(e.getError()) : null);
        if (e.hasInstallDuration()) {
            row.installDuration(e.getInstallDuration());
        }
    }

    /** What the report says about the machine and the script: a later report fills in or corrects it. */
    private static void descriptive(Execution.Builder row, TelemetryIngestEvent e) {
        set(e.getOsType(), row::osType);
        set(e.getOsVersion(), row::osVersion);
        set(e.getPveVersion(), row::pveVersion);
        set(e.getMethod(), row::method);
        set(e.getRepoSource(), row::repoSource);
        set(e.getRepoSlug(), row::repoSlug);
        set(e.getGpuVendor(), row::gpuVendor);
        set(e.getGpuPassthrough(), row::gpuPassthrough);
        set(e.getCpuVendor(), row::cpuVendor);
        set(e.getGpuModel(), row::gpuModel);
        set(e.getCpuModel(), row::cpuModel);
        set(e.getRamSpeed(), row::ramSpeed);
        set(e.getPayloadVersion(), row::payloadVersion);
        set(e.getArch(), row::arch);
        set(e.getPlatform(), row::platform);
        set(e.getKernelVersion(), row::kernelVersion);
        set(e.getAppVersion(), row::appVersion);
        set(e.getProtocol(), row::protocol);
        if (e.hasCtType()) {
            row.ctType(e.getCtType());
        }
        if (e.hasDiskSize()) {
            row.diskSize(e.getDiskSize());
        }
        if (e.hasCoreCount()) {
            row.coreCount(e.getCoreCount());
        }
        if (e.hasRamSize()) {
            row.ramSize(e.getRamSize());
        }
        if (e.hasHasArm()) {
            row.hasArm(e.getHasArm());
        }
        if (e.hasInstallDuration()) {
            row.installDuration(e.getInstallDuration());
        }
        if (row.type() == null || "unknown".equals(row.type())) {
            set(e.getType(), row::type);
        }
        if (row.nsapp() == null || "unknown".equals(row.nsapp())) {
            set(e.getNsapp(), row::nsapp);
        }
    }

    /** Protobuf strings are never null; an empty one is "not reported" and changes nothing. */
    private static void set(String value, Consumer<String> field) {
        if (!value.isEmpty()) {
            field.accept(value);
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
