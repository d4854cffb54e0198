package dev.opsuite.telemetry.domain;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A row of {@code executions}: one install/update run of a community script, or one finished
 * deployment of the suite. This record owns the table's columns (their names, how a row is read and
 * how it is bound); {@link ExecutionRepository} owns the statements.
 */
public record Execution(
        String executionId,
        String randomId,
        String type,
        String nsapp,
        ExecutionStatus status,
        String currentStep,
        String osType,
        String osVersion,
        String pveVersion,
        String method,
        Integer exitCode,
        String error,
        String errorCategory,
        Integer installDuration,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        OffsetDateTime updatedAt,
        String repoSource,
        String repoSlug,
        Integer ctType,
        Integer diskSize,
        Integer coreCount,
        Integer ramSize,
        String gpuVendor,
        String gpuPassthrough,
        String cpuVendor,
        String gpuModel,
        String cpuModel,
        String ramSpeed,
        Boolean hasArm,
        String payloadVersion,
        String arch,
        String platform,
        String failedCommand,
        String failedLine,
        String kernelVersion,
        String appVersion,
        String protocol,
        String errorPattern,
        boolean swept) {

    /** Every column but the key, in the order {@link #bind} binds them. */
    static final List<String> VALUE_COLUMNS = List.of(
            "random_id",
            "type",
            "nsapp",
            "status",
            "current_step",
            "os_type",
            "os_version",
            "pve_version",
            "method",
            "exit_code",
            "error",
            "error_category",
            "install_duration",
            "started_at",
            "finished_at",
            "updated_at",
            "repo_source",
            "repo_slug",
            "ct_type",
            "disk_size",
            "core_count",
            "ram_size",
            "gpu_vendor",
            "gpu_passthrough",
            "cpu_vendor",
            "gpu_model",
            "cpu_model",
            "ram_speed",
            "has_arm",
            "payload_version",
            "arch",
            "platform",
            "failed_command",
            "failed_line",
            "kernel_version",
            "app_version",
            "protocol",
            "error_pattern",
            "swept");

    /** The select list of a whole row. */
    static final String COLUMNS = "execution_id, " + String.join(", ", VALUE_COLUMNS);

    public Execution {
        if (executionId == null || status == null || startedAt == null) {
            throw new IllegalArgumentException("an execution needs an id, a status and a start");
        }
    }

    static Execution from(ResultSet rs) throws SQLException {
        return new Execution(
                rs.getString("execution_id"),
                rs.getString("random_id"),
                rs.getString("type"),
                rs.getString("nsapp"),
                ExecutionStatus.of(rs.getString("status")),
                rs.getString("current_step"),
                rs.getString("os_type"),
                rs.getString("os_version"),
                rs.getString("pve_version"),
                rs.getString("method"),
                integer(rs, "exit_code"),
                rs.getString("error"),
                rs.getString("error_category"),
                integer(rs, "install_duration"),
                timestamp(rs, "started_at"),
                timestamp(rs, "finished_at"),
                timestamp(rs, "updated_at"),
                rs.getString("repo_source"),
                rs.getString("repo_slug"),
                integer(rs, "ct_type"),
                integer(rs, "disk_size"),
                integer(rs, "core_count"),
                integer(rs, "ram_size"),
                rs.getString("gpu_vendor"),
                rs.getString("gpu_passthrough"),
                rs.getString("cpu_vendor"),
                rs.getString("gpu_model"),
                rs.getString("cpu_model"),
                rs.getString("ram_speed"),
                bool(rs, "has_arm"),
                rs.getString("payload_version"),
                rs.getString("arch"),
                rs.getString("platform"),
                rs.getString("failed_command"),
                rs.getString("failed_line"),
                rs.getString("kernel_version"),
                rs.getString("app_version"),
                rs.getString("protocol"),
                rs.getString("error_pattern"),
                rs.getBoolean("swept"));
    }

    /** Binds {@link #VALUE_COLUMNS} from parameter {@code first} on. */
    void bind(PreparedStatement s, int first) throws SQLException {
        Binder b = new Binder(s, first);
        b.text(randomId);
        b.text(type);
        b.text(nsapp);
        b.text(status.value());
        b.text(currentStep);
        b.text(osType);
        b.text(osVersion);
        b.text(pveVersion);
        b.text(method);
        b.integer(exitCode);
        b.text(error);
        b.text(errorCategory);
        b.integer(installDuration);
        b.timestamp(startedAt);
        b.timestamp(finishedAt);
        b.timestamp(updatedAt);
        b.text(repoSource);
        b.text(repoSlug);
        b.integer(ctType);
        b.integer(diskSize);
        b.integer(coreCount);
        b.integer(ramSize);
        b.text(gpuVendor);
        b.text(gpuPassthrough);
        b.text(cpuVendor);
        b.text(gpuModel);
        b.text(cpuModel);
        b.text(ramSpeed);
        b.bool(hasArm);
        b.text(payloadVersion);
        b.text(arch);
        b.text(platform);
        b.text(failedCommand);
        b.text(failedLine);
        b.text(kernelVersion);
        b.text(appVersion);
        b.text(protocol);
        b.text(errorPattern);
        b.bool(swept);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public static Builder builder(String executionId) {
        return new Builder(executionId);
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Boolean bool(ResultSet rs, String column) throws SQLException {
        boolean v = rs.getBoolean(column);
        return rs.wasNull() ? null : v;
    }

    private static OffsetDateTime timestamp(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }

    /** Binds consecutive parameters with their SQL types (nulls typed too, so batches keep one plan). */
    private static final class Binder {
        private final PreparedStatement s;
        private int i;

        Binder(PreparedStatement s, int first) {
            this.s = s;
            this.i = first;
        }

        void text(String v) throws SQLException {
            if (v == null) {
                s.setNull(i++, Types.VARCHAR);
            } else {
                s.setString(i++, v);
            }
        }

        void integer(Integer v) throws SQLException {
            if (v == null) {
                s.setNull(i++, Types.INTEGER);
            } else {
                s.setInt(i++, v);
            }
        }

        void timestamp(OffsetDateTime v) throws SQLException {
            if (v == null) {
                s.setNull(i++, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                s.setObject(i++, v);
            }
        }

        void bool(Boolean v) throws SQLException {
            if (v == null) {
                s.setNull(i++, Types.BOOLEAN);
            } else {
                s.setBoolean(i++, v);
            }
        }
    }

    /** A changed copy of an execution (the lifecycle rules and the sweeper change a few fields at a time). */
    public static final class Builder {
        private final String executionId;
        private String randomId;
        private String type;
        private String nsapp;
        private ExecutionStatus status;
        private String currentStep;
        private String osType;
        private String osVersion;
        private String pveVersion;
        private String method;
        private Integer exitCode;
        private String error;
        private String errorCategory;
        private Integer installDuration;
        private OffsetDateTime startedAt;
        private OffsetDateTime finishedAt;
        private OffsetDateTime updatedAt;
        private String repoSource;
        private String repoSlug;
        private Integer ctType;
        private Integer diskSize;
        private Integer coreCount;
        private Integer ramSize;
        private String gpuVendor;
        private String gpuPassthrough;
        private String cpuVendor;
        private String gpuModel;
        private String cpuModel;
        private String ramSpeed;
        private Boolean hasArm;
        private String payloadVersion;
        private String arch;
        private String platform;
        private String failedCommand;
        private String failedLine;
        private String kernelVersion;
        private String appVersion;
        private String protocol;
        private String errorPattern;
        private boolean swept;

        private Builder(String executionId) {
            this.executionId = executionId;
        }

        private Builder(Execution e) {
            this(e.executionId);
            randomId = e.randomId;
            type = e.type;
            nsapp = e.nsapp;
            status = e.status;
            currentStep = e.currentStep;
            osType = e.osType;
            osVersion = e.osVersion;
            pveVersion = e.pveVersion;
            method = e.method;
            exitCode = e.exitCode;
            error = e.error;
            errorCategory = e.errorCategory;
            installDuration = e.installDuration;
            startedAt = e.startedAt;
            finishedAt = e.finishedAt;
            updatedAt = e.updatedAt;
            repoSource = e.repoSource;
            repoSlug = e.repoSlug;
            ctType = e.ctType;
            diskSize = e.diskSize;
            coreCount = e.coreCount;
            ramSize = e.ramSize;
            gpuVendor = e.gpuVendor;
            gpuPassthrough = e.gpuPassthrough;
            cpuVendor = e.cpuVendor;
            gpuModel = e.gpuModel;
            cpuModel = e.cpuModel;
            ramSpeed = e.ramSpeed;
            hasArm = e.hasArm;
            payloadVersion = e.payloadVersion;
            arch = e.arch;
            platform = e.platform;
            failedCommand = e.failedCommand;
            failedLine = e.failedLine;
            kernelVersion = e.kernelVersion;
            appVersion = e.appVersion;
            protocol = e.protocol;
            errorPattern = e.errorPattern;
            swept = e.swept;
        }

        public String type() {
            return type;
        }

        public String nsapp() {
            return nsapp;
        }

        public Builder randomId(String v) {
            randomId = v;
            return this;
        }

        public Builder type(String v) {
            type = v;
            return this;
        }

        public Builder nsapp(String v) {
            nsapp = v;
            return this;
        }

        public Builder status(ExecutionStatus v) {
            status = v;
            return this;
        }

        public Builder currentStep(String v) {
            currentStep = v;
            return this;
        }

        public Builder osType(String v) {
            osType = v;
            return this;
        }

        public Builder osVersion(String v) {
            osVersion = v;
            return this;
        }

        public Builder pveVersion(String v) {
            pveVersion = v;
            return this;
        }

        public Builder method(String v) {
            method = v;
            return this;
        }

        public Builder exitCode(Integer v) {
            exitCode = v;
            return this;
        }

        public Builder error(String v) {
            error = v;
            return this;
        }

        public Builder errorCategory(String v) {
            errorCategory = v;
            return this;
        }

        public Builder installDuration(Integer v) {
            installDuration = v;
            return this;
        }

        public Builder startedAt(OffsetDateTime v) {
            startedAt = v;
            return this;
        }

        public Builder finishedAt(OffsetDateTime v) {
            finishedAt = v;
            return this;
        }

        public Builder updatedAt(OffsetDateTime v) {
            updatedAt = v;
            return this;
        }

        public Builder repoSource(String v) {
            repoSource = v;
            return this;
        }

        public Builder repoSlug(String v) {
            repoSlug = v;
            return this;
        }

        public Builder ctType(Integer v) {
            ctType = v;
            return this;
        }

        public Builder diskSize(Integer v) {
            diskSize = v;
            return this;
        }

        public Builder coreCount(Integer v) {
            coreCount = v;
            return this;
        }

        public Builder ramSize(Integer v) {
            ramSize = v;
            return this;
        }

        public Builder gpuVendor(String v) {
            gpuVendor = v;
            return this;
        }

        public Builder gpuPassthrough(String v) {
            gpuPassthrough = v;
            return this;
        }

        public Builder cpuVendor(String v) {
            cpuVendor = v;
            return this;
        }

        public Builder gpuModel(String v) {
            gpuModel = v;
            return this;
        }

        public Builder cpuModel(String v) {
            cpuModel = v;
            return this;
        }

        public Builder ramSpeed(String v) {
            ramSpeed = v;
            return this;
        }

        public Builder hasArm(Boolean v) {
            hasArm = v;
            return this;
        }

        public Builder payloadVersion(String v) {
            payloadVersion = v;
            return this;
        }

        public Builder arch(String v) {
            arch = v;
            return this;
        }

        public Builder platform(String v) {
            platform = v;
            return this;
        }

        public Builder failedCommand(String v) {
            failedCommand = v;
            return this;
        }

        public Builder failedLine(String v) {
            failedLine = v;
            return this;
        }

        public Builder kernelVersion(String v) {
            kernelVersion = v;
            return this;
        }

        public Builder appVersion(String v) {
            appVersion = v;
            return this;
        }

        public Builder protocol(String v) {
            protocol = v;
            return this;
        }

        public Builder errorPattern(String v) {
            errorPattern = v;
            return this;
        }

        public Builder swept(boolean v) {
            swept = v;
            return this;
        }

        public Execution build() {
            return new Execution(
                    executionId,
                    randomId,
                    type,
                    nsapp,
                    status,
                    currentStep,
                    osType,
                    osVersion,
                    pveVersion,
                    method,
                    exitCode,
                    error,
                    errorCategory,
                    installDuration,
                    startedAt,
                    finishedAt,
                    updatedAt,
                    repoSource,
                    repoSlug,
                    ctType,
                    diskSize,
                    coreCount,
                    ramSize,
                    gpuVendor,
                    gpuPassthrough,
                    cpuVendor,
                    gpuModel,
                    cpuModel,
                    ramSpeed,
                    hasArm,
                    payloadVersion,
                    arch,
                    platform,
                    failedCommand,
                    failedLine,
                    kernelVersion,
                    appVersion,
                    protocol,
                    errorPattern,
                    swept);
        }
    }
}
