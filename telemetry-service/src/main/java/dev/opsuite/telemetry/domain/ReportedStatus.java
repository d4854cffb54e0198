package dev.opsuite.telemetry.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * One entry of an execution's status history: an accepted report as {@code execution_events} keeps
 * it, without the payload.
 */
public record ReportedStatus(
        String executionId,
        String status,
        String protocol,
        Integer exitCode,
        OffsetDateTime receivedAt,
        boolean applied) {

    static final String COLUMNS = "execution_id, status, protocol, exit_code, received_at, applied";

    static ReportedStatus from(ResultSet rs) throws SQLException {
        int exitCode = rs.getInt("exit_code");
        Integer exit = rs.wasNull() ? null : exitCode;
        return new ReportedStatus(
                rs.getString("execution_id"),
                rs.getString("status"),
                rs.getString("protocol"),
                exit,
                rs.getObject("received_at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
                rs.getBoolean("applied"));
    }
}
