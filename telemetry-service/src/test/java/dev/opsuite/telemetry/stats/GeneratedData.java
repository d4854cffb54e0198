package dev.opsuite.telemetry.stats;

import com.google.protobuf.Timestamp;
import dev.opsuite.events.v1.TelemetryIngestEvent;
import dev.opsuite.telemetry.domain.IngestEnvelope;
import dev.opsuite.telemetry.domain.IngestStore;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A reproducible population of executions over the last ten days (or more): lifecycles with progress steps,
 * retried and contradicting terminal reports, stuck installs, several repos, OSes and errors. It is
 * written through the same store the ingest consumer uses.
 */
final class GeneratedData {
    static final String[] OS = {"debian", "ubuntu", "alpine"};
    static final String[] PVE = {"8.4.1", "9.0.3", "9.1.0"};
    static final String[] METHOD = {"default", "advanced", "mydefaults-global"};
    static final String[] GPU = {"intel", "amd", "nvidia", ""};
    static final String[] GPU_PT = {"igpu", "dgpu", "none", ""};
    static final String[] CPU = {"intel", "amd", "arm"};
    static final String[] REPO = {"ProxmoxVE", "ProxmoxVED", "external"};
    static final String[] ERRORS = {
        "E: Unable to locate package libssl%d",
        "curl: (6) Could not resolve host: github.com (attempt %d)",
        "npm ERR! code E%d",
        "No space left on device (%d bytes needed)",
        "Container %d failed to start"
    };

    final List<String> apps = new ArrayList<>();
    final String batch;

    GeneratedData(String batch) {
        this.batch = batch;
        for (int i = 0; i < 14; i++) {
            apps.add("gen-" + batch + "-app" + (char) ('a' + i));
        }
    }

    void writeTo(IngestStore store, int executions, long seed) throws SQLException {
        writeTo(store, executions, seed, 10);
    }

    /** {@code executions} started over the last {@code days} days. */
    void writeTo(IngestStore store, int executions, long seed, int days) throws SQLException {
        Random rnd = new Random(seed);
        List<IngestEnvelope> pending = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < executions; i++) {
            // skewed app popularity so that rankings are not ties
            String app = apps.get(Math.min(apps.size() - 1, (int) Math.floor(Math.abs(rnd.nextGaussian()) * 4)));
            Instant t0 = now.minus(Duration.ofDays(rnd.nextInt(days))).minus(Duration.ofMinutes(rnd.nextInt(600)));
            if (t0.isAfter(now)) {
                t0 = now;
            }
            String id = "gen-" + batch + "-" + i;
            TelemetryIngestEvent.Builder base = TelemetryIngestEvent.newBuilder()
                    .setExecutionId(id)
                    .setRandomId(id)
                    .setType(rnd.nextInt(10) == 0 ? "vm" : "lxc")
                    .setNsapp(app)
                    .setOsType(OS[rnd.nextInt(OS.length)])
                    .setOsVersion("12")
                    .setPveVersion(PVE[rnd.nextInt(PVE.length)])
                    .setMethod(METHOD[rnd.nextInt(METHOD.length)])
                    .setGpuVendor(GPU[rnd.nextInt(GPU.length)])
                    .setGpuPassthrough(GPU_PT[rnd.nextInt(GPU_PT.length)])
                    .setCpuVendor(CPU[rnd.nextInt(CPU.length)])
                    .setRepoSource(REPO[rnd.nextInt(REPO.length)])
                    .setProtocol("telemetry")
                    .setDiskSize(4 + rnd.nextInt(60))
                    .setCoreCount(1 + rnd.nextInt(8));
            pending.add(envelope(base.clone().setStatus("installing"), t0));
            if (rnd.nextBoolean()) {
                pending.add(envelope(base.clone().setStatus("configuring"), t0.plusSeconds(30)));
            }
            int outcome = rnd.nextInt(100);
            Instant t1 = t0.plusSeconds(60 + rnd.nextInt(600));
            TelemetryIngestEvent.Builder terminal = base.clone().setInstallDuration(60 + rnd.nextInt(900));
            if (outcome < 55) {
                terminal.setStatus("success");
            } else if (outcome < 80) {
                int e = rnd.nextInt(ERRORS.length);
                terminal.setStatus("failed")
                        .setExitCode(100 + e)
                        .setErrorCategory("unknown")
                        .setError(String.format(ERRORS[e], rnd.nextInt(1000)));
            } else if (outcome < 86) {
                terminal.setStatus("aborted").setExitCode(130).setErrorCategory("user_aborted");
            } else if (outcome < 90) {
                terminal.setStatus("unknown");
            } else {
                terminal = null; // still installing
            }
            if (terminal != null) {
                pending.add(envelope(terminal, t1));
                if (rnd.nextInt(5) == 0) { // a duplicate, contradicting terminal report: must not count
                    pending.add(envelope(
                            terminal.clone().setStatus("failed").setExitCode(1).setError("dup"), t1.plusSeconds(5)));
                }
            }
            if (pending.size() >= 200) {
                store.applyBatch(pending);
                pending.clear();
            }
        }
        store.applyBatch(pending);
    }

    private static IngestEnvelope envelope(TelemetryIngestEvent.Builder b, Instant at) {
        TelemetryIngestEvent e = b.setReceivedAt(
                        Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()))
                .build();
        return new IngestEnvelope(UUID.randomUUID().toString(), e, e.toByteArray());
    }
}
