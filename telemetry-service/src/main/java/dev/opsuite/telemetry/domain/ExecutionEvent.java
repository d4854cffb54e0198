package dev.opsuite.telemetry.domain;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;

/**
 * A row of {@code execution_events}: one accepted report (its event id absorbs redeliveries), whether
 * it changed its execution, and the raw payload. This record owns the table's columns;
 * {@link ExecutionEventRepository} owns the statements.
 */
public record ExecutionEvent(
        String eventId,
        String executionId,
        String status,
        String protocol,
        Integer exitCode,
        boolean applied,
        OffsetDateTime receivedAt,
        byte[] payload) {

    static final String COLUMNS = "event_id, execution_id, status, protocol, exit_code, applied, received_at, payload";

    /** Binds the {@link #COLUMNS} from parameter 1 on. */
    void bind(PreparedStatement s) throws SQLException {
        s.setString(1, eventId);
        s.setString(2, executionId);
        s.setString(3, status);
        s.setString(4, protocol);
        if (exitCode == null) {
            s.setNull(5, Types.INTEGER);
        } else {
            s.setInt(5, exitCode);
        }
        s.setBoolean(6, applied);
        s.setObject(7, receivedAt);
        s.setBytes(8, payload);
    }
}
