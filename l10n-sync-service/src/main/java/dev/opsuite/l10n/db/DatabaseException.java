package dev.opsuite.l10n.db;

import java.sql.SQLException;

/** An SQLException crossing a functional boundary; the API's mappers look at its cause. */
public class DatabaseException extends RuntimeException {
    public DatabaseException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public String sqlState() {
        return ((SQLException) getCause()).getSQLState();
    }
}
