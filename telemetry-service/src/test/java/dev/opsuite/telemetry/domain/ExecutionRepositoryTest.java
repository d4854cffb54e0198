package dev.opsuite.telemetry.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.telemetry.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every column of an execution survives a write and a read (the record binds and reads them in one
 * order). The rows are written without their rollups, so each test deletes them again: the other
 * tests of this JVM hold the rollups to the executions.
 */
@QuarkusTest
class ExecutionRepositoryTest {
    private static final String APP_PREFIX = "repository-test-";

    @Inject
    Transactions transactions;

    @Inject
    ExecutionRepository executions;

    @Inject
    DataSource dataSource;

    @AfterEach
    void deleteTheRowsWrittenWithoutRollups() {
        new TestDb(dataSource).execute("DELETE FROM executions WHERE nsapp LIKE ?", APP_PREFIX + "%");
    }

    private static Execution everyColumnSet(String id, String app, int n) {
        OffsetDateTime started = OffsetDateTime.of(2026, 11, 20, 10, 0, 0, 123_456_000, ZoneOffset.UTC);
        return Execution.builder(id)
                .randomId("random-" + n)
                .type("vm")
                .nsapp(app)
                .status(ExecutionStatus.FAILED)
                .currentStep("configuring")
                .osType("ubuntu")
                .osVersion("24.04-" + n)
                .pveVersion("9.0." + n)
                .method("advanced")
                .exitCode(100 + n)
                .error("E: error " + n)
                .errorCategory("apt")
                .installDuration(300 + n)
                .startedAt(started)
                .finishedAt(started.plusSeconds(60 + n))
                .updatedAt(started.plusSeconds(61 + n))
                .repoSource("ProxmoxVED")
                .repoSlug("owner/repo-" + n)
                .ctType(n % 2)
                .diskSize(8 + n)
                .coreCount(2 + n)
                .ramSize(2048 + n)
                .gpuVendor("nvidia")
                .gpuPassthrough("dgpu")
                .cpuVendor("intel")
                .gpuModel("RTX " + n)
                .cpuModel("Xeon " + n)
                .ramSpeed("3200")
                .hasArm(n % 2 == 0)
                .payloadVersion("3")
                .arch("arm64")
                .platform("incus")
                .failedCommand("apt-get install " + n)
                .failedLine(Integer.toString(40 + n))
                .kernelVersion("6.8." + n)
                .appVersion("1." + n)
                .protocol("telemetry")
                .errorPattern("e: error N")
                .swept(n % 2 == 1)
                .build();
    }

    private List<Execution> read(String app) {
        return executions.page(ExecutionFilter.all().withApp(app), ExecutionOrder.NEWEST_FIRST, 10, 0);
    }

    @Test
    void everyColumnIsWrittenAndReadBackUnchanged() {
        String app = APP_PREFIX + "columns-" + UUID.randomUUID().toString().substring(0, 8);
        Execution written = everyColumnSet(app + "-1", app, 1);
        transactions.run("test insert", c -> {
            executions.insertAll(c, List.of(written));
            return null;
        });
        assertEquals(List.of(written), read(app));

        Execution changed = everyColumnSet(written.executionId(), app, 2);
        transactions.run("test update", c -> {
            executions.updateAll(c, List.of(changed));
            return null;
        });
        assertEquals(List.of(changed), read(app));
        Map<String, Execution> locked =
                transactions.run("test lock", c -> executions.lockAll(c, List.of(changed.executionId())));
        assertEquals(Map.of(changed.executionId(), changed), locked);
    }

    @Test
    void nullColumnsStayNullAndAnExistingIdIsNotOverwritten() {
        String app = APP_PREFIX + "nulls-" + UUID.randomUUID().toString().substring(0, 8);
        Execution sparse = Execution.builder(app + "-1")
                .randomId(app)
                .type("lxc")
                .nsapp(app)
                .status(ExecutionStatus.INSTALLING)
                .startedAt(OffsetDateTime.of(2026, 11, 21, 8, 0, 0, 0, ZoneOffset.UTC))
                .updatedAt(OffsetDateTime.of(2026, 11, 21, 8, 0, 0, 0, ZoneOffset.UTC))
                .build();
        boolean written = transactions.run("test insert", c -> executions.insertIfAbsent(c, sparse));
        assertTrue(written);
        assertEquals(List.of(sparse), read(app));

        Execution other = sparse.toBuilder().status(ExecutionStatus.SUCCESS).build();
        boolean overwritten = transactions.run("test insert again", c -> executions.insertIfAbsent(c, other));
        assertFalse(overwritten, "the first row of an id stays");
        assertEquals(List.of(sparse), read(app));
    }
}
