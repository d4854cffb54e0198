package dev.opsuite.telemetry.domain;

import java.util.function.Function;

/**
 * The dimensions the daily rollups count executions by ({@code dim} in {@code rollup_daily} and
 * {@code rollup_dims_daily}), each with the execution column it reads. An app's totals are not a
 * dimension: they have {@code rollup_apps_daily}.
 */
public enum RollupDimension {
    TYPE("type", "type", Execution::type),
    OS("os", "os_type", Execution::osType),
    METHOD("method", "method", Execution::method),
    PVE("pve", "pve_version", Execution::pveVersion),
    GPU_VENDOR("gpu_vendor", "gpu_vendor", Execution::gpuVendor),
    GPU_PASSTHROUGH("gpu_pt", "gpu_passthrough", Execution::gpuPassthrough),
    CPU_VENDOR("cpu_vendor", "cpu_vendor", Execution::cpuVendor),
    CATEGORY("category", "error_category", Execution::errorCategory);

    private final String key;
    private final String column;
    private final Function<Execution, String> value;

    RollupDimension(String key, String column, Function<Execution, String> value) {
        this.key = key;
        this.column = column;
        this.value = value;
    }

    /** The value of the rollups' {@code dim} column. */
    public String key() {
        return key;
    }

    /** The {@code executions} column the dimension counts (the rebuild reads it in SQL). */
    String column() {
        return column;
    }

    /** The execution's value in this dimension, or null. */
    String of(Execution e) {
        return value.apply(e);
    }
}
