package dev.opsuite.deployment.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * CPU, memory and disk use, container-aware: inside a cgroup v2 with limits, CPU is measured against
 * the cpu.max quota and memory against memory.max (what the container may use, not the host);
 * otherwise /proc/stat and /proc/meminfo. Each {@link #sample()} compares with the previous one.
 */
public class ResourceSampler {
    public record Sample(double cpuPercent, double memoryPercent, double diskPercent, boolean cgroupLimited) {}

    private final Path cgroup;
    private final Path proc;
    private final Path disk;
    private long lastCpuMicros = -1;
    private long lastWallNanos;
    private long lastTotalJiffies = -1;
    private long lastIdleJiffies;

    public ResourceSampler(Path cgroupRoot, Path procRoot, Path diskPath) {
        this.cgroup = cgroupRoot;
        this.proc = procRoot;
        this.disk = diskPath;
    }

    public static ResourceSampler system(Path diskPath) {
        return new ResourceSampler(Path.of("/sys/fs/cgroup"), Path.of("/proc"), diskPath);
    }

    public synchronized Sample sample() {
        OptionalDouble quota = cpuQuotaCores();
        double cpu = quota.isPresent() ? cgroupCpu(quota.getAsDouble()) : procCpu();
        OptionalLong memMax = memoryLimit();
        double mem = memMax.isPresent() ? cgroupMemory(memMax.getAsLong()) : procMemory();
        return new Sample(round(cpu), round(mem), round(diskPercent()), quota.isPresent() || memMax.isPresent());
    }

    /** cpu.max "quota period" in cores; "max" means no limit. */
    OptionalDouble cpuQuotaCores() {
        List<String> parts = words(cgroup.resolve("cpu.max"));
        if (parts.size() < 2 || parts.get(0).equals("max")) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(parts.get(0)) / Double.parseDouble(parts.get(1)));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    OptionalLong memoryLimit() {
        List<String> parts = words(cgroup.resolve("memory.max"));
        if (parts.isEmpty() || parts.get(0).equals("max")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(parts.get(0)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private double cgroupCpu(double cores) {
        long usage = -1;
        try {
            for (String line : Files.readAllLines(cgroup.resolve("cpu.stat"))) {
                if (line.startsWith("usage_usec ")) {
                    usage = Long.parseLong(line.substring(11).strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        long now = System.nanoTime();
        double result = 0;
        if (lastCpuMicros >= 0 && usage >= lastCpuMicros && now > lastWallNanos) {
            double usedMicros = usage - lastCpuMicros;
            double wallMicros = (now - lastWallNanos) / 1000.0;
            result = 100.0 * usedMicros / (wallMicros * cores);
        }
        lastCpuMicros = usage;
        lastWallNanos = now;
        return Math.min(100, Math.max(0, result));
    }

    private double cgroupMemory(long max) {
        List<String> current = words(cgroup.resolve("memory.current"));
        if (current.isEmpty() || max <= 0) {
            return procMemory();
        }
        return 100.0 * Long.parseLong(current.get(0)) / max;
    }

    private double procCpu() {
        List<String> cpu = words(proc.resolve("stat"));
        if (cpu.size() < 5 || !cpu.get(0).equals("cpu")) {
            return 0;
        }
        long total = 0;
        for (int i = 1; i < Math.min(cpu.size(), 11); i++) {
            total += Long.parseLong(cpu.get(i));
        }
        long idle = Long.parseLong(cpu.get(4)) + (cpu.size() > 5 ? Long.parseLong(cpu.get(5)) : 0);
        double result = 0;
        if (lastTotalJiffies >= 0 && total > lastTotalJiffies) {
            result = 100.0 * (1 - (double) (idle - lastIdleJiffies) / (total - lastTotalJiffies));
        }
        lastTotalJiffies = total;
        lastIdleJiffies = idle;
        return Math.min(100, Math.max(0, result));
    }

    private double procMemory() {
        long total = -1;
        long available = -1;
        try {
            for (String line : Files.readAllLines(proc.resolve("meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    total = Long.parseLong(line.replaceAll("\\D", ""));
                } else if (line.startsWith("MemAvailable:")) {
                    available = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return total <= 0 || available < 0 ? 0 : 100.0 * (total - available) / total;
    }

    private double diskPercent() {
        try {
            var store = Files.getFileStore(disk);
            long total = store.getTotalSpace();
            return total <= 0 ? 0 : 100.0 * (total - store.getUsableSpace()) / total;
        } catch (IOException e) {
            return 0;
        }
    }

    /** First line's whitespace-separated words, or empty when the file is absent. */
    private static List<String> words(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.isEmpty() ? List.of() : List.of(lines.get(0).strip().split("\\s+"));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
