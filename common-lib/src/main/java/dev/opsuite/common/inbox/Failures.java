package dev.opsuite.common.inbox;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.concurrent.TimeoutException;
import org.postgresql.util.PSQLException;

/**
 * Tells a failure that will pass (the database or broker is away, a lock or serialization conflict)
 * from one that will not (this record's data cannot be applied). A consumer retries the first kind
 * for as long as it lasts — dead-lettering then would lose good events — and isolates the second.
 */
public final class Failures {

    private Failures() {}

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PoisonMessageException) {
                return false;
            }
            String state = sqlState(t);
            if (state != null) {
                return isTransientState(state);
            }
            if (t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException
                    || t instanceof ClosedConnectionException
                    || t instanceof IOException
                    || t instanceof TimeoutException) {
                return true;
            }
            if (t instanceof SQLException) {
                return true; // no SQLState: the driver or pool failed before PostgreSQL judged the data
            }
        }
        return false;
    }

    /**
     * PostgreSQL error classes that depend on the moment, not on the data: connection (08), resources
     * (53), operator intervention / shutdown (57), system errors (58), serialization failure and
     * deadlock (40001, 40P01), lock not available (55P03).
     */
    static boolean isTransientState(String state) {
        return state.startsWith("08")
                || state.startsWith("53")
                || state.startsWith("57")
                || state.startsWith("58")
                || state.equals("40001")
                || state.equals("40P01")
                || state.equals("55P03");
    }

    /**
     * A one-line description safe for logs and DLQ headers: the exception type, the SQLState and the
     * server's message — never a statement with its bound values (JDBC batch errors quote them).
     */
    public static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BatchUpdateException batch && batch.getNextException() != null) {
                return describe(batch.getNextException());
            }
            if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
                return "SQLState " + psql.getSQLState() + ": "
                        + firstLine(psql.getServerErrorMessage().getMessage());
            }
            if (t instanceof PgException pg) {
                return "SQLState " + pg.getSqlState() + ": " + firstLine(pg.getErrorMessage());
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String type = root.getClass().getSimpleName();
        return root instanceof SQLException sql && sql.getSQLState() != null
                ? type + " (SQLState " + sql.getSQLState() + ")"
                : type + (root.getMessage() == null ? "" : ": " + firstLine(root.getMessage()));
    }

    private static String sqlState(Throwable t) {
        if (t instanceof PgException pg) {
            return pg.getSqlState();
        }
        if (t instanceof SQLException sql) {
            return sql.getSQLState();
        }
        return null;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
