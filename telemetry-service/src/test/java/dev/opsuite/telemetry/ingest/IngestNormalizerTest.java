package dev.opsuite.telemetry.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.events.v1.TelemetryIngestEvent;
import dev.opsuite.telemetry.ingest.IngestNormalizer.Shape;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestNormalizerTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static Map<String, Object> base() {
        Map<String, Object> m = new HashMap<>();
        m.put("random_id", "9f1c2d3e-aaaa-bbbb-cccc-000000000001");
        m.put("type", "lxc");
        m.put("nsapp", "jellyfin");
        m.put("status", "installing");
        return m;
    }

    private static TelemetryIngestEvent normalize(Map<String, Object> m) {
        return IngestNormalizer.normalize(m, Shape.FULL, "telemetry", NOW);
    }

    @Test
    void requiresRandomIdTypeNsappAndStatus() {
        for (String field : new String[] {"random_id", "type", "nsapp", "status"}) {
            Map<String, Object> m = base();
            m.remove(field);
            assertThrows(InvalidPayloadException.class, () -> normalize(m), field);
        }
    }

    @Test
    void executionIdFallsBackToRandomId() {
        assertEquals("9f1c2d3e-aaaa-bbbb-cccc-000000000001", normalize(base()).getExecutionId());
        Map<String, Object> m = base();
        m.put("execution_id", "exec-1");
        assertEquals("exec-1", normalize(m).getExecutionId());
    }

    @Test
    void repairsStatusVocabulary() {
        Map<String, Object> m = base();
        m.put("status", "sucess");
        assertEquals("success", normalize(m).getStatus());
        m.put("status", "done");
        assertEquals("success", normalize(m).getStatus());
        m.put("status", "exploded");
        assertEquals("unknown", normalize(m).getStatus());
        m.put("status", "Configuring");
        assertEquals("configuring", normalize(m).getStatus());
    }

    @Test
    void refusesUnknownTypesOsForLxcAndRepoSources() {
        Map<String, Object> m = base();
        m.put("type", "docker");
        assertThrows(InvalidPayloadException.class, () -> normalize(m));
        Map<String, Object> os = base();
        os.put("os_type", "windows");
        assertThrows(InvalidPayloadException.class, () -> normalize(os));
        Map<String, Object> repo = base();
        repo.put("repo_source", "somewhere");
        assertThrows(InvalidPayloadException.class, () -> normalize(repo));
    }

    @Test
    void readsNumbersFromStringsAndUnitsAndChecksRanges() {
        Map<String, Object> m = base();
        m.put("disk_size", "32G");
        m.put("ram_size", "2048");
        m.put("core_count", 2);
        m.put("ct_type", "1");
        TelemetryIngestEvent e = normalize(m);
        assertEquals(32, e.getDiskSize());
        assertEquals(2048, e.getRamSize());
        assertEquals(2, e.getCoreCount());
        assertEquals(1, e.getCtType());
        m.put("ct_type", 3);
        assertThrows(InvalidPayloadException.class, () -> normalize(m));
        Map<String, Object> unreadable = base();
        unreadable.put("disk_size", "lots");
        assertFalse(normalize(unreadable).hasDiskSize());
    }

    @Test
    void normalisesOsRepoAndEnums() {
        Map<String, Object> m = base();
        m.put("os_type", "-");
        m.put("repo_slug", "community-scripts/ProxmoxVED");
        m.put("gpu_vendor", "Matrox");
        m.put("cpu_vendor", "AMD");
        m.put("error_category", "nonsense");
        m.put("method", "advanced\nmode");
        TelemetryIngestEvent e = normalize(m);
        assertEquals("", e.getOsType());
        assertEquals("ProxmoxVED", e.getRepoSource());
        assertEquals("unknown", e.getGpuVendor());
        assertEquals("amd", e.getCpuVendor());
        assertEquals("advanced mode", e.getMethod());
        Map<String, Object> ext = base();
        ext.put("repo_slug", "someone/my-scripts");
        assertEquals("external", normalize(ext).getRepoSource());
    }

    @Test
    void masksIpv4AddressesInErrors() {
        Map<String, Object> m = base();
        m.put("status", "failed");
        m.put("exit_code", 7);
        m.put(
                "error",
                "curl: (7) Failed to connect to 192.168.1.20 port 8006 after 3 ms; version 1.2.3.4.5 ok; 10.0.0.256 not an ip");
        TelemetryIngestEvent e = normalize(m);
        assertEquals(
                "curl: (7) Failed to connect to 192.x.x.x port 8006 after 3 ms; version 1.2.3.4.5 ok; 10.0.0.256 not an ip",
                e.getError());
        assertEquals("network", e.getErrorCategory());
    }

    @Test
    void reclassifiesFailuresBeforeStoring() {
        Map<String, Object> exit0 = base();
        exit0.put("status", "failed");
        exit0.put("exit_code", 0);
        assertEquals("success", normalize(exit0).getStatus());

        Map<String, Object> addon = base();
        addon.put("type", "addon");
        addon.put("status", "failed");
        addon.put("exit_code", 1);
        addon.put("error", "something");
        TelemetryIngestEvent a = normalize(addon);
        assertEquals("success", a.getStatus());
        assertFalse(a.hasExitCode());
        assertEquals("", a.getError());

        Map<String, Object> sigint = base();
        sigint.put("status", "failed");
        sigint.put("exit_code", 130);
        TelemetryIngestEvent s = normalize(sigint);
        assertEquals("aborted", s.getStatus());
        assertEquals("user_aborted", s.getErrorCategory());

        Map<String, Object> ctrlC = base();
        ctrlC.put("status", "failed");
        ctrlC.put("exit_code", 1);
        ctrlC.put("error", "Installation aborted by user");
        assertEquals("aborted", normalize(ctrlC).getStatus());

        Map<String, Object> table = base();
        table.put("status", "failed");
        table.put("exit_code", 214);
        TelemetryIngestEvent t = normalize(table);
        assertEquals("storage", t.getErrorCategory());
        assertEquals("Exit code 214: Proxmox: not enough free space on storage", t.getError());

        Map<String, Object> keywords = base();
        keywords.put("status", "failed");
        keywords.put("exit_code", 1);
        keywords.put("error", "E: Unable to locate package libfoo");
        assertEquals("apt", normalize(keywords).getErrorCategory());
    }

    @Test
    void statusUpdatesNeedOnlyAnIdAndAStatus() {
        Map<String, Object> m = new HashMap<>();
        m.put("random_id", "legacy-1");
        m.put("status", "done");
        TelemetryIngestEvent e = IngestNormalizer.normalize(m, Shape.STATUS_UPDATE, "upload_updatestatus", NOW);
        assertEquals("legacy-1", e.getExecutionId());
        assertEquals("success", e.getStatus());
        assertTrue(e.getNsapp().isEmpty());
    }

    @Test
    void exitCodeTableHasTheCanonicalGroups() {
        assertTrue(ExitCodes.all().size() >= 160, "codes: " + ExitCodes.all().size());
        assertEquals("user_aborted", ExitCodes.lookup(130).orElseThrow().category());
        assertEquals("resource", ExitCodes.lookup(137).orElseThrow().category());
        assertEquals("proxmox", ExitCodes.lookup(206).orElseThrow().category());
        assertEquals("apt", ExitCodes.lookup(255).orElseThrow().category());
        for (int code : new int[] {
            1, 2, 3, 10, 6, 7, 28, 64, 77, 100, 102, 103, 123, 124, 146, 150, 154, 160, 162, 170, 173, 180, 183, 190,
            193, 200, 231, 232, 238, 239, 249, 250, 254
        }) {
            assertTrue(ExitCodes.lookup(code).isPresent(), "missing exit code " + code);
            assertTrue(
                    IngestFields.ERROR_CATEGORIES.contains(
                            ExitCodes.lookup(code).get().category()),
                    "category of " + code);
        }
    }
}
