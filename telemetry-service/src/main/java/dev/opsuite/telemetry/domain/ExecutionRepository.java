package dev.opsuite.telemetry.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Every statement on {@code executions} (JDBC, the one stack telemetry uses for its tables). Methods
 * taking a {@link Connection} run in the caller's transaction ({@link Transactions}); the others
 * are reads on a connection of their own. The rollup rebuild's aggregate of this table is the one
 * exception: it is the rollup tables' SQL, in {@link RollupRepository}.
 */
@ApplicationScoped
public class ExecutionRepository {
    private static final int STREAM_FETCH_SIZE = 500;
    private static final String INSERT = "INSERT INTO executions (" + Execution.COLUMNS + ") VALUES (?"
            + ", ?".repeat(Execution.VALUE_COLUMNS.size()) + ")";
    private static final String UPDATE = "UPDATE executions SET "
            + Execution.VALUE_COLUMNS.stream().map(c -> c + " = ?").collect(Collectors.joining(", "))
            + " WHERE execution_id = ?";

    private final DataSource dataSource;

    public ExecutionRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The current rows of these executions, locked for the transaction (in id order: no lock cycles). */
    public Map<String, Execution> lockAll(Connection c, Collection<String> executionIds) throws SQLException {
        Map<String, Execution> rows = new HashMap<>();
        if (executionIds.isEmpty()) {
            return rows;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT " + Execution.COLUMNS
                + " FROM executions WHERE execution_id = ANY (?) ORDER BY execution_id FOR UPDATE")) {
            s.setArray(1, c.createArrayOf("varchar", executionIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Execution e = Execution.from(rs);
                    rows.put(e.executionId(), e);
                }
            }
        }
        return rows;
    }

    /** New executions, in one JDBC batch (sent as multi-row inserts). */
    public void insertAll(Connection c, Collection<Execution> executions) throws SQLException {
        if (executions.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            for (Execution e : executions) {
                s.setString(1, e.executionId());
                e.bind(s, 2);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Every column of these executions rewritten, in one JDBC batch. */
    public void updateAll(Connection c, Collection<Execution> executions) throws SQLException {
        if (executions.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(UPDATE)) {
            for (Execution e : executions) {
                e.bind(s, 1);
                s.setString(Execution.VALUE_COLUMNS.size() + 1, e.executionId());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** @return true when the execution was written, false when one with its id exists already */
    public boolean insertIfAbsent(Connection c, Execution e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT + " ON CONFLICT (execution_id) DO NOTHING")) {
            s.setString(1, e.executionId());
            e.bind(s, 2);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Up to {@code limit} executions still installing without news since {@code updatedBefore},
     * locked; rows another transaction holds are skipped (they are moving anyway).
     */
    public List<Execution> lockStuck(Connection c, OffsetDateTime updatedBefore, int limit) throws SQLException {
        List<Execution> stuck = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + Execution.COLUMNS
                + " FROM executions WHERE status = ? AND updated_at < ?"
                + " ORDER BY execution_id LIMIT ? FOR UPDATE SKIP LOCKED")) {
            s.setString(1, ExecutionStatus.INSTALLING.value());
            s.setObject(2, updatedBefore);
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    stuck.add(Execution.from(rs));
                }
            }
        }
        return stuck;
    }

    /** Deletes finished executions started and last changed before the cutoff (a running one may still finish). */
    public int deleteFinishedBefore(Connection c, OffsetDateTime cutoff) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("DELETE FROM executions WHERE started_at < ? AND status <> ? AND updated_at < ?")) {
            s.setObject(1, cutoff);
            s.setString(2, ExecutionStatus.INSTALLING.value());
            s.setObject(3, cutoff);
            return s.executeUpdate();
        }
    }

    /** Makes writers of executions wait until the transaction ends (readers go on): a consistent rebuild. */
    public void lockAgainstWriters(Connection c) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("LOCK TABLE executions IN SHARE MODE");
        }
    }

    public long countStartedSince(Connection c, OffsetDateTime from) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM executions WHERE started_at >= ?")) {
            s.setObject(1, from);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public long count(ExecutionFilter filter) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT count(*) FROM executions" + filter.where(params);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new DatabaseException("counting executions", e);
        }
    }

    /** One page of the filtered executions in the given order. */
    public List<Execution> page(ExecutionFilter filter, ExecutionOrder order, int limit, int offset) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT " + Execution.COLUMNS + " FROM executions" + filter.where(params) + " ORDER BY "
                + order.sql() + ", execution_id LIMIT ? OFFSET ?";
        params.add(limit);
        params.add(offset);
        List<Execution> page = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    page.add(Execution.from(rs));
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException("reading a page of executions", e);
        }
        return page;
    }

    /**
     * Every filtered execution, oldest start first, handed to the sink as it comes from a database
     * cursor: a large read never sits in memory whole.
     */
    public void stream(ExecutionFilter filter, ExecutionSink sink) throws IOException {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT " + Execution.COLUMNS + " FROM executions" + filter.where(params)
                + " ORDER BY started_at, execution_id";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setFetchSize(STREAM_FETCH_SIZE);
                bind(s, params);
                try (ResultSet rs = s.executeQuery()) {
                    sink.begin();
                    while (rs.next()) {
                        sink.accept(Execution.from(rs));
                    }
                    sink.end();
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new DatabaseException("streaming executions", e);
        }
    }

    public long countByStatus(ExecutionStatus status) {
        return count(ExecutionFilter.all().withStatus(status.value()));
    }

    /** How many executions started since {@code from} succeeded and how many failed. */
    public record Outcomes(long success, long failed) {}

    public Outcomes outcomesStartedSince(OffsetDateTime from) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FILTER (WHERE status = ?),"
                        + " count(*) FILTER (WHERE status = ?) FROM executions WHERE started_at >= ?")) {
            s.setString(1, ExecutionStatus.SUCCESS.value());
            s.setString(2, ExecutionStatus.FAILED.value());
            s.setObject(3, from);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Outcomes(rs.getLong(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new DatabaseException("counting outcomes", e);
        }
    }

    private static void bind(PreparedStatement s, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            s.setObject(i + 1, params.get(i));
        }
    }
}
