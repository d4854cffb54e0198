package dev.opsuite.deployment.modes;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Whether a mode's tool works on this host, and if not, why (shown in /api/deployment/health). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolStatus(String status, String reason, String version) {
    public static ToolStatus available(String version) {
        return new ToolStatus("available", null, version);
    }

    public static ToolStatus unavailable(String reason) {
        return new ToolStatus("unavailable", reason, null);
    }

    public static ToolStatus unknown() {
        return new ToolStatus("unknown", "not checked yet", null);
    }

    public boolean isAvailable() {
        return "available".equals(status);
    }
}
