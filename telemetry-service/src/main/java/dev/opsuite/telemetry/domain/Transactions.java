package dev.opsuite.telemetry.domain;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs work in one JDBC transaction: committed when the work returns, rolled back when it throws.
 * The work passes the connection to the repositories, which run their statements on it. A failure
 * of the database is a {@link DatabaseException} (the driver's exception as its cause, which is
 * what tells a consumer a transient failure from one on the data).
 */
@ApplicationScoped
public class Transactions {

    /** Work inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection transaction) throws SQLException;
    }

    private final DataSource dataSource;

    public Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @param what what the work does, for the failure's message */
    public <T> T run(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException(what, e);
        }
    }
}
