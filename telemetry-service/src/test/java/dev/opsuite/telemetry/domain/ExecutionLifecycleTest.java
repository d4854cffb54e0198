package dev.opsuite.telemetry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import dev.opsuite.events.v1.TelemetryIngestEvent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The dedupe rules of an execution, on typed rows. */
class ExecutionLifecycleTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private static TelemetryIngestEvent report(String status, int secondsAfterStart) {
        return TelemetryIngestEvent.newBuilder()
                .setExecutionId("e1")
                .setRandomId("r1")
                .setType("lxc")
                .setNsapp("gitea")
                .setStatus(status)
                .setOsType("debian")
                .setProtocol("telemetry")
                .setReceivedAt(Timestamp.newBuilder().setSeconds(T0.getEpochSecond() + secondsAfterStart))
                .build();
    }

    private static OffsetDateTime at(int secondsAfterStart) {
        return T0.plusSeconds(secondsAfterStart).atOffset(ZoneOffset.UTC);
    }

    @Test
    void aFirstInstallingReportStartsARunningExecution() {
        Execution e = ExecutionLifecycle.next(null, report("installing", 0));
        assertEquals("e1", e.executionId());
        assertEquals(ExecutionStatus.INSTALLING, e.status());
        assertEquals("installing", e.currentStep());
        assertEquals(at(0), e.startedAt());
        assertEquals(at(0), e.updatedAt());
        assertNull(e.finishedAt());
        assertEquals("debian", e.osType());
        assertFalse(e.swept());
    }

    @Test
    void progressMovesTheStepAndTheFirstTerminalReportWins() {
        Execution running = ExecutionLifecycle.next(null, report("installing", 0));
        Execution configuring = ExecutionLifecycle.next(running, report("configuring", 30));
        assertEquals(ExecutionStatus.INSTALLING, configuring.status());
        assertEquals("configuring", configuring.currentStep());

        Execution failed = ExecutionLifecycle.next(
                configuring,
                report("failed", 90).toBuilder()
                        .setExitCode(100)
                        .setError("E: Unable to locate package libssl3")
                        .setErrorCategory("apt")
                        .setInstallDuration(90)
                        .build());
        assertEquals(ExecutionStatus.FAILED, failed.status());
        assertEquals(at(90), failed.finishedAt());
        assertEquals(100, failed.exitCode());
        assertEquals(90, failed.installDuration());
        assertEquals("e: unable to locate package libsslN", failed.errorPattern());
        assertEquals(at(0), failed.startedAt(), "the start stays the first report's");

        assertNull(ExecutionLifecycle.next(failed, report("success", 95)), "a second terminal report is absorbed");
        assertNull(ExecutionLifecycle.next(failed, report("installing", 96)), "so is a restart of a finished one");
    }

    @Test
    void aRepeatedInstallingReportIsAbsorbed() {
        Execution running = ExecutionLifecycle.next(null, report("installing", 0));
        assertNull(ExecutionLifecycle.next(running, report("installing", 5)));
    }

    @Test
    void aTimedOutExecutionIsReplacedByItsLateRealOutcome() {
        Execution running = ExecutionLifecycle.next(null, report("installing", 0));
        Execution swept = ExecutionLifecycle.timedOut(running, at(7200));
        assertEquals(ExecutionStatus.UNKNOWN, swept.status());
        assertEquals("timeout", swept.errorCategory());
        assertTrue(swept.swept());
        assertNull(ExecutionLifecycle.next(swept, report("configuring", 7300)), "progress does not revive it");

        Execution success = ExecutionLifecycle.next(swept, report("success", 7400));
        assertEquals(ExecutionStatus.SUCCESS, success.status());
        assertFalse(success.swept());
        assertNull(success.errorCategory());
        assertEquals(at(7400), success.finishedAt());
    }

    @Test
    void aLaterReportFillsInAnUnknownAppAndType() {
        Execution anonymous = ExecutionLifecycle.next(
                null,
                report("validation", 0).toBuilder().setType("").setNsapp("").build());
        assertEquals("unknown", anonymous.type());
        assertEquals("unknown", anonymous.nsapp());
        assertEquals("validation", anonymous.currentStep());
        Execution named = ExecutionLifecycle.next(anonymous, report("success", 60));
        assertEquals("lxc", named.type());
        assertEquals("gitea", named.nsapp());
    }
}
