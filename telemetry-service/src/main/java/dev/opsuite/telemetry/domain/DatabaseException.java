package dev.opsuite.telemetry.domain;

import java.sql.SQLException;

/**
 * A read or a job on the database failed; the cause is the driver's exception. Unchecked, so that
 * callers above the repositories (resources, schedulers) do not deal in JDBC types.
 */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String what, SQLException cause) {
        super(what + " failed", cause);
    }
}
