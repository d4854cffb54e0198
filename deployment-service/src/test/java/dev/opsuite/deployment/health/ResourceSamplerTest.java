package dev.opsuite.deployment.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceSamplerTest {

    @Test
    void measuresMemoryAgainstTheCgroupLimitWhenOneIsSet(@TempDir Path dir) throws Exception {
        Path cg = Files.createDirectories(dir.resolve("cgroup"));
        Files.writeString(cg.resolve("cpu.max"), "50000 100000\n");
        Files.writeString(cg.resolve("memory.max"), "1073741824\n");
        Files.writeString(cg.resolve("memory.current"), "268435456\n");
        Files.writeString(cg.resolve("cpu.stat"), "usage_usec 1000000\nuser_usec 1\n");
        ResourceSampler sampler = new ResourceSampler(cg, dir.resolve("proc"), dir);
        ResourceSampler.Sample first = sampler.sample();
        assertTrue(first.cgroupLimited());
        assertEquals(25.0, first.memoryPercent());
        assertEquals(0.5, sampler.cpuQuotaCores().getAsDouble());
        // 0.05 s of CPU in >= 0.1 s wall on a 0.5-core quota: at most 100 %, and more than 0
        Thread.sleep(100);
        Files.writeString(cg.resolve("cpu.stat"), "usage_usec 1050000\n");
        double cpu = sampler.sample().cpuPercent();
        assertTrue(cpu > 0 && cpu <= 100, "cpu " + cpu);
    }

    @Test
    void fallsBackToProcWithoutLimits(@TempDir Path dir) throws Exception {
        Path cg = Files.createDirectories(dir.resolve("cgroup"));
        Files.writeString(cg.resolve("cpu.max"), "max 100000\n");
        Files.writeString(cg.resolve("memory.max"), "max\n");
        Path proc = Files.createDirectories(dir.resolve("proc"));
        Files.writeString(
                proc.resolve("meminfo"), "MemTotal:       1000 kB\nMemFree:         100 kB\nMemAvailable:    400 kB\n");
        Files.writeString(proc.resolve("stat"), "cpu  100 0 100 800 0 0 0 0 0 0\n");
        ResourceSampler sampler = new ResourceSampler(cg, proc, dir);
        ResourceSampler.Sample s = sampler.sample();
        assertFalse(s.cgroupLimited());
        assertEquals(60.0, s.memoryPercent());
        Files.writeString(proc.resolve("stat"), "cpu  150 0 150 900 0 0 0 0 0 0\n");
        assertEquals(50.0, sampler.sample().cpuPercent());
        assertTrue(s.diskPercent() >= 0 && s.diskPercent() <= 100);
    }
}
