package dev.opsuite.l10n.db;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * JDBC for the bulk and background paths (COPY, cursors, queue, webhooks), which run on virtual or
 * worker threads. Every call either runs in its own transaction or on a connection the caller holds.
 */
@ApplicationScoped
public class Jdbc {
    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Runs the work in one transaction; an exception rolls back and propagates (SQLException unchecked). */
    public <T> T tx(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the original failure matters; the connection goes back to the pool closed or reset
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        return tx(c -> query(c, sql, mapper, args));
    }

    public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = query(sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    public int update(String sql, Object... args) {
        return tx(c -> update(c, sql, args));
    }

    public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        }
    }

    public static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, Object... args)
            throws SQLException {
        List<T> rows = query(c, sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    public static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof String[] array) {
                ps.setArray(i + 1, ps.getConnection().createArrayOf("text", array));
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }
}
