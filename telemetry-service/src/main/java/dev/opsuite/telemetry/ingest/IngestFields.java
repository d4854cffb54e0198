package dev.opsuite.telemetry.ingest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The vocabularies and field names of the ingest payload (specs/telemetry-service.md). */
public final class IngestFields {
    public static final Set<String> TYPES = Set.of("lxc", "vm", "turnkey", "pve", "addon", "tool");
    public static final List<String> STATUSES =
            List.of("installing", "validation", "configuring", "success", "failed", "aborted", "unknown");
    public static final Set<String> TERMINAL = Set.of("success", "failed", "aborted", "unknown");
    public static final Set<String> PROGRESS = Set.of("validation", "configuring");
    public static final Set<String> OS_TYPES = Set.of(
            "debian",
            "ubuntu",
            "alpine",
            "devuan",
            "fedora",
            "rocky",
            "alma",
            "centos",
            "opensuse",
            "gentoo",
            "openeuler",
            "homeassistant",
            "opnsense",
            "openwrt",
            "mikrotik",
            "umbrel-os",
            "pimox-haos",
            "owncloud",
            "turnkey-nextcloud",
            "arch-linux");
    public static final Set<String> ERROR_CATEGORIES = Set.of(
            "network",
            "storage",
            "dependency",
            "permission",
            "timeout",
            "config",
            "resource",
            "unknown",
            "user_aborted",
            "apt",
            "command_not_found",
            "service",
            "database",
            "signal",
            "proxmox",
            "shell",
            "build",
            "preflight",
            "runtime");
    public static final Set<String> GPU_VENDORS = Set.of("intel", "amd", "nvidia", "unknown");
    public static final Set<String> GPU_PASSTHROUGH = Set.of("igpu", "dgpu", "vgpu", "none", "unknown");
    public static final Set<String> CPU_VENDORS = Set.of("intel", "amd", "arm", "apple", "qualcomm", "unknown");
    public static final Set<String> REPO_SOURCES = Set.of("ProxmoxVE", "ProxmoxVED", "external");
    public static final Set<String> PLATFORMS = Set.of("pve", "incus");

    /** Every field a client may send; the lenient parser extracts these one by one from broken JSON. */
    public static final Set<String> KNOWN = new LinkedHashSet<>(List.of(
            "execution_id",
            "random_id",
            "type",
            "nsapp",
            "status",
            "ct_type",
            "disk_size",
            "core_count",
            "ram_size",
            "exit_code",
            "install_duration",
            "os_type",
            "os_version",
            "pve_version",
            "method",
            "error",
            "error_category",
            "gpu_vendor",
            "gpu_passthrough",
            "cpu_vendor",
            "gpu_model",
            "cpu_model",
            "ram_speed",
            "has_arm",
            "repo_source",
            "repo_slug",
            "payload_version",
            "arch",
            "platform",
            "failed_command",
            "failed_line",
            "kernel_version",
            "app_version"));

    public static final int MAX_ERROR_CHARS = 128 * 1024;

    private IngestFields() {}
}
