package dev.opsuite.telemetry.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads and writes whole execution rows as column maps (JDBC). */
public final class ExecutionRows {
    /** Every column but the key, in the order they are written. */
    public static final List<String> COLUMNS = List.of(
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

    private static final String INSERT = "INSERT INTO executions (execution_id, " + String.join(", ", COLUMNS)
            + ") VALUES (?" + ", ?".repeat(COLUMNS.size()) + ")";
    private static final String UPDATE = "UPDATE executions SET "
            + COLUMNS.stream().map(c -> c + " = ?").collect(Collectors.joining(", ")) + " WHERE execution_id = ?";

    private ExecutionRows() {}

    /** The current row, locked for this transaction, or null. */
    public static Map<String, Object> lock(Connection c, String executionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM executions WHERE execution_id = ? FOR UPDATE")) {
            s.setString(1, executionId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    /** The current rows of these executions, locked for this transaction (in id order: no lock cycles). */
    public static Map<String, Map<String, Object>> lockAll(Connection c, Collection<String> executionIds)
            throws SQLException {
        Map<String, Map<String, Object>> rows = new HashMap<>();
        if (executionIds.isEmpty()) {
            return rows;
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT * FROM executions WHERE execution_id = ANY (?)" + " ORDER BY execution_id FOR UPDATE")) {
            s.setArray(1, c.createArrayOf("varchar", executionIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = read(rs);
                    rows.put((String) row.get("execution_id"), row);
                }
            }
        }
        return rows;
    }

    /** Inserts (current == null) or updates every changed execution, in two JDBC batches. */
    public static void writeAll(
            Connection c, Map<String, Map<String, Object>> before, Map<String, Map<String, Object>> after)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT);
                PreparedStatement update = c.prepareStatement(UPDATE)) {
            boolean inserts = false;
            boolean updates = false;
            for (Map.Entry<String, Map<String, Object>> e : after.entrySet()) {
                if (before.get(e.getKey()) == null) {
                    insert.setString(1, e.getKey());
                    bind(insert, 2, e.getValue());
                    insert.addBatch();
                    inserts = true;
                } else {
                    bind(update, 1, e.getValue());
                    update.setString(COLUMNS.size() + 1, e.getKey());
                    update.addBatch();
                    updates = true;
                }
            }
            if (inserts) {
                insert.executeBatch();
            }
            if (updates) {
                update.executeBatch();
            }
        }
    }

    public static Map<String, Object> read(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            Object v = rs.getObject(i);
            if (v instanceof Timestamp t) {
                v = t.toInstant().atOffset(ZoneOffset.UTC);
            }
            row.put(md.getColumnLabel(i), v);
        }
        return row;
    }

    public static void insert(Connection c, String executionId, Map<String, Object> row) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setString(1, executionId);
            bind(s, 2, row);
            s.executeUpdate();
        }
    }

    public static void update(Connection c, String executionId, Map<String, Object> row) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(UPDATE)) {
            bind(s, 1, row);
            s.setString(COLUMNS.size() + 1, executionId);
            s.executeUpdate();
        }
    }

    private static void bind(PreparedStatement s, int first, Map<String, Object> row) throws SQLException {
        for (int i = 0; i < COLUMNS.size(); i++) {
            Object v = row.get(COLUMNS.get(i));
            if (COLUMNS.get(i).equals("swept")) {
                s.setBoolean(first + i, Boolean.TRUE.equals(v));
            } else if (v == null) {
                s.setNull(first + i, Types.OTHER);
            } else {
                s.setObject(first + i, v);
            }
        }
    }
}
