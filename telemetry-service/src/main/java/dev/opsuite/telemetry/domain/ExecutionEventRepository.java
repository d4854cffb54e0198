package dev.opsuite.telemetry.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Every statement on {@code execution_events} (JDBC). Methods taking a {@link Connection} run in the
 * caller's transaction; the history read has a connection of its own.
 */
@ApplicationScoped
public class ExecutionEventRepository {
    private static final String INSERT =
            "INSERT INTO execution_events (" + ExecutionEvent.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;

    public ExecutionEventRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Which of these event ids are stored already. */
    public Set<String> storedIds(Connection c, Collection<String> eventIds) throws SQLException {
        Set<String> stored = new HashSet<>();
        try (PreparedStatement s =
                c.prepareStatement("SELECT event_id FROM execution_events WHERE event_id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("varchar", eventIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
        }
        return stored;
    }

    /** The events, in one JDBC batch (sent as multi-row inserts). */
    public void insertAll(Connection c, List<ExecutionEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            for (ExecutionEvent e : events) {
                e.bind(s);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public int deleteReceivedBefore(Connection c, OffsetDateTime cutoff) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM execution_events WHERE received_at < ?")) {
            s.setObject(1, cutoff);
            return s.executeUpdate();
        }
    }

    /** The status history of each of these executions, oldest report first (every id has a list). */
    public Map<String, List<ReportedStatus>> history(Collection<String> executionIds) {
        Map<String, List<ReportedStatus>> byId = new LinkedHashMap<>();
        executionIds.forEach(id -> byId.put(id, new ArrayList<>()));
        if (byId.isEmpty()) {
            return byId;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + ReportedStatus.COLUMNS
                        + " FROM execution_events WHERE execution_id = ANY (?) ORDER BY received_at, event_id")) {
            s.setArray(1, c.createArrayOf("varchar", byId.keySet().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ReportedStatus r = ReportedStatus.from(rs);
                    byId.get(r.executionId()).add(r);
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException("reading status histories", e);
        }
        return byId;
    }
}
