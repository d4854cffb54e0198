package dev.opsuite.telemetry.domain;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Which executions a read selects: exact matches on status, app, OS, OS version and type, and a
 * range of start times [startedFrom, startedBefore). A null field does not filter.
 */
public record ExecutionFilter(
        String status,
        String app,
        String osType,
        String osVersion,
        String type,
        OffsetDateTime startedFrom,
        OffsetDateTime startedBefore) {

    private static final ExecutionFilter ALL = new ExecutionFilter(null, null, null, null, null, null, null);

    public static ExecutionFilter all() {
        return ALL;
    }

    public ExecutionFilter withStatus(String v) {
        return new ExecutionFilter(v, app, osType, osVersion, type, startedFrom, startedBefore);
    }

    public ExecutionFilter withApp(String v) {
        return new ExecutionFilter(status, v, osType, osVersion, type, startedFrom, startedBefore);
    }

    public ExecutionFilter withOsType(String v) {
        return new ExecutionFilter(status, app, v, osVersion, type, startedFrom, startedBefore);
    }

    public ExecutionFilter withOsVersion(String v) {
        return new ExecutionFilter(status, app, osType, v, type, startedFrom, startedBefore);
    }

    public ExecutionFilter withType(String v) {
        return new ExecutionFilter(status, app, osType, osVersion, v, startedFrom, startedBefore);
    }

    public ExecutionFilter withStartedFrom(OffsetDateTime v) {
        return new ExecutionFilter(status, app, osType, osVersion, type, v, startedBefore);
    }

    public ExecutionFilter withStartedBefore(OffsetDateTime v) {
        return new ExecutionFilter(status, app, osType, osVersion, type, startedFrom, v);
    }

    /** The WHERE clause of {@code executions} for this filter, appending its parameters. */
    String where(List<Object> params) {
        StringBuilder w = new StringBuilder(" WHERE true");
        condition(w, params, "status = ?", status);
        condition(w, params, "nsapp = ?", app);
        condition(w, params, "os_type = ?", osType);
        condition(w, params, "os_version = ?", osVersion);
        condition(w, params, "type = ?", type);
        condition(w, params, "started_at >= ?", startedFrom);
        condition(w, params, "started_at < ?", startedBefore);
        return w.toString();
    }

    private static void condition(StringBuilder where, List<Object> params, String sql, Object value) {
        if (value != null) {
            where.append(" AND ").append(sql);
            params.add(value);
        }
    }
}
