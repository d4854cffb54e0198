package dev.opsuite.telemetry.ingest;

import com.google.protobuf.Timestamp;
import dev.opsuite.common.text.StorableText;
import dev.opsuite.events.v1.TelemetryIngestEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the fields of one client report into a validated, normalised {@link TelemetryIngestEvent}:
 * field rules and limits of the spec, enum repairs, IPv4 masking, and the server-side
 * reclassification the dashboards depend on.
 */
public final class IngestNormalizer {
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n]+");
    private static final Pattern LEADING_NUMBER = Pattern.compile("\\s*(-?\\d+)(?:\\.\\d+)?\\s*[A-Za-z]{0,3}\\s*");

    /** Which report shape a client generation sends. */
    public enum Shape {
        /** a full record: random_id, type, nsapp, status required */
        FULL,
        /** a status change of a known execution: random_id (or execution_id) and status required */
        STATUS_UPDATE
    }

    private IngestNormalizer() {}

    public static TelemetryIngestEvent normalize(
            Map<String, Object> in, Shape shape, String protocol, Instant receivedAt) {
        for (Map.Entry<String, Object> field : in.entrySet()) {
            if (field.getValue() instanceof String text) {
                StorableText.problem(text).ifPresent(problem -> {
                    throw new InvalidPayloadException(field.getKey() + " " + problem);
                });
            }
        }
        TelemetryIngestEvent.Builder b = TelemetryIngestEvent.newBuilder()
                .setProtocol(protocol)
                .setReceivedAt(Timestamp.newBuilder()
                        .setSeconds(receivedAt.getEpochSecond())
                        .setNanos(receivedAt.getNano()));

        String randomId = shortText(in, "random_id", 64, true);
        String executionId = shortText(in, "execution_id", 64, true);
        if (randomId.isEmpty() && shape == Shape.STATUS_UPDATE) {
            randomId = executionId;
        }
        if (randomId.isEmpty()) {
            throw new InvalidPayloadException("random_id is required");
        }
        b.setRandomId(randomId).setExecutionId(executionId.isEmpty() ? randomId : executionId);

        String status = status(text(in, "status"));
        if (status == null) {
            throw new InvalidPayloadException("status is required");
        }
        b.setStatus(status);

        String type = lower(shortText(in, "type", 8, true));
        String nsapp = shortText(in, "nsapp", 64, true);
        if (shape == Shape.FULL) {
            if (type.isEmpty()) {
                throw new InvalidPayloadException("type is required");
            }
            if (nsapp.isEmpty()) {
                throw new InvalidPayloadException("nsapp is required");
            }
        }
        if (!type.isEmpty() && !IngestFields.TYPES.contains(type)) {
            throw new InvalidPayloadException("type must be one of " + IngestFields.TYPES);
        }
        b.setType(type).setNsapp(nsapp);

        integer(in, "ct_type", 0, 2).ifPresent(b::setCtType);
        integer(in, "disk_size", 0, 100_000).ifPresent(b::setDiskSize);
        integer(in, "core_count", 0, 256).ifPresent(b::setCoreCount);
        integer(in, "ram_size", 0, 1_048_576).ifPresent(b::setRamSize);
        integer(in, "exit_code", 0, 255).ifPresent(b::setExitCode);
        integer(in, "install_duration", 0, 86_400).ifPresent(b::setInstallDuration);

        String os = lower(shortText(in, "os_type", 32, false));
        if (os.equals("-") || os.equals("none")) {
            os = "";
        }
        if (!os.isEmpty() && (type.equals("lxc") || type.equals("vm")) && !IngestFields.OS_TYPES.contains(os)) {
            throw new InvalidPayloadException("os_type " + os + " is not a known OS for " + type);
        }
        b.setOsType(os);
        b.setOsVersion(shortText(in, "os_version", 32, false));
        b.setPveVersion(shortText(in, "pve_version", 32, false));
        b.setMethod(shortText(in, "method", 32, false));

        String error = text(in, "error");
        if (error != null) {
            error = ErrorText.maskIpv4(
                            error.length() > IngestFields.MAX_ERROR_CHARS
                                    ? error.substring(0, IngestFields.MAX_ERROR_CHARS)
                                    : error)
                    .strip();
            b.setError(error);
        }
        b.setErrorCategory(
                oneOf(lower(shortText(in, "error_category", 32, false)), IngestFields.ERROR_CATEGORIES, "unknown"));
        b.setGpuVendor(oneOf(lower(shortText(in, "gpu_vendor", 16, false)), IngestFields.GPU_VENDORS, "unknown"));
        b.setGpuPassthrough(
                oneOf(lower(shortText(in, "gpu_passthrough", 16, false)), IngestFields.GPU_PASSTHROUGH, "unknown"));
        b.setCpuVendor(oneOf(lower(shortText(in, "cpu_vendor", 16, false)), IngestFields.CPU_VENDORS, "unknown"));
        b.setGpuModel(shortText(in, "gpu_model", 64, false));
        b.setCpuModel(shortText(in, "cpu_model", 64, false));
        b.setRamSpeed(shortText(in, "ram_speed", 16, false));
        bool(in.get("has_arm")).ifPresent(b::setHasArm);

        String slug = shortText(in, "repo_slug", 128, false);
        String source = shortText(in, "repo_source", 16, false);
        if (!source.isEmpty()) {
            String canonical = IngestFields.REPO_SOURCES.stream()
                    .filter(s -> s.equalsIgnoreCase(source.strip()))
                    .findFirst()
                    .orElseThrow(() ->
                            new InvalidPayloadException("repo_source must be one of " + IngestFields.REPO_SOURCES));
            b.setRepoSource(canonical);
        } else if (!slug.isEmpty()) {
            b.setRepoSource(sourceOf(slug));
        }
        b.setRepoSlug(slug);

        b.setPayloadVersion(shortText(in, "payload_version", 64, false));
        b.setArch(shortText(in, "arch", 64, false));
        String platform = lower(shortText(in, "platform", 8, false));
        b.setPlatform(IngestFields.PLATFORMS.contains(platform) ? platform : "");
        b.setFailedCommand(ErrorText.maskIpv4(shortText(in, "failed_command", 512, false)));
        b.setFailedLine(shortText(in, "failed_line", 64, false));
        b.setKernelVersion(shortText(in, "kernel_version", 64, false));
        b.setAppVersion(shortText(in, "app_version", 64, false));

        Reclassifier.apply(b);
        return b.build();
    }

    /** community-scripts/ProxmoxVE -> ProxmoxVE; any other repository is external. */
    static String sourceOf(String slug) {
        String repo = slug.contains("/") ? slug.substring(slug.lastIndexOf('/') + 1) : slug;
        if (repo.equalsIgnoreCase("ProxmoxVE")) {
            return "ProxmoxVE";
        }
        if (repo.equalsIgnoreCase("ProxmoxVED")) {
            return "ProxmoxVED";
        }
        return "external";
    }

    /** installing|validation|configuring|success|failed|aborted|unknown; `sucess`, `done` repaired; else unknown. */
    static String status(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.strip().toLowerCase(Locale.ROOT);
        if (s.length() > 16) {
            throw new InvalidPayloadException("status longer than 16 characters");
        }
        return switch (s) {
            case "sucess", "done", "completed" -> "success";
            default -> IngestFields.STATUSES.contains(s) ? s : "unknown";
        };
    }

    private static String text(Map<String, Object> in, String field) {
        Object v = in.get(field);
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }

    /**
     * A short string: line breaks removed, trimmed, then truncated to its limit. Identifiers
     * ({@code strict}) are refused when too long instead: cutting them would merge executions.
     */
    static String shortText(Map<String, Object> in, String field, int max, boolean strict) {
        String v = text(in, field);
        if (v == null) {
            return "";
        }
        if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = LINE_BREAKS.matcher(v).replaceAll(" ");
        }
        v = v.strip();
        if (v.length() > max) {
            if (strict) {
                throw new InvalidPayloadException(field + " longer than " + max + " characters");
            }
            v = v.substring(0, max).strip();
        }
        return v;
    }

    /** A number, or a string holding one ("1024", "32G"); absent or unreadable = empty; out of range = 400. */
    static OptionalInt integer(Map<String, Object> in, String field, int min, int max) {
        Object v = in.get(field);
        long value;
        if (v == null) {
            return OptionalInt.empty();
        } else if (v instanceof Number n) {
            value = Math.round(n.doubleValue());
        } else {
            Matcher m = LEADING_NUMBER.matcher(v.toString());
            if (!m.matches()) {
                return OptionalInt.empty();
            }
            try {
                value = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new InvalidPayloadException(field + " out of range");
            }
        }
        if (value < min || value > max) {
            throw new InvalidPayloadException(field + " must be " + min + "-" + max);
        }
        return OptionalInt.of((int) value);
    }

    private static Optional<Boolean> bool(Object v) {
        if (v instanceof Boolean b) {
            return Optional.of(b);
        }
        if (v instanceof Number n) {
            return Optional.of(n.intValue() != 0);
        }
        if (v != null) {
            String s = v.toString().strip().toLowerCase(Locale.ROOT);
            if (Set.of("true", "yes", "1").contains(s)) {
                return Optional.of(true);
            }
            if (Set.of("false", "no", "0").contains(s)) {
                return Optional.of(false);
            }
        }
        return Optional.empty();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String oneOf(String v, Set<String> allowed, String otherwise) {
        if (v.isEmpty()) {
            return v;
        }
        return allowed.contains(v) ? v : otherwise;
    }
}
