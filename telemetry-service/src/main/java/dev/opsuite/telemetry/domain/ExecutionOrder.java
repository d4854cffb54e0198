package dev.opsuite.telemetry.domain;

/** The order of a page of executions; ties are always broken by the execution id. */
public record ExecutionOrder(Column column, boolean descending) {

    /** The columns a page can be sorted by. */
    public enum Column {
        STARTED_AT("started_at"),
        NSAPP("nsapp"),
        STATUS("status"),
        OS_TYPE("os_type"),
        TYPE("type"),
        METHOD("method"),
        EXIT_CODE("exit_code");

        private final String sql;

        Column(String sql) {
            this.sql = sql;
        }
    }

    /** The newest executions first (the order the start-time index serves without a sort). */
    public static final ExecutionOrder NEWEST_FIRST = new ExecutionOrder(null, true);

    String sql() {
        if (column == null) {
            return "started_at DESC";
        }
        return column.sql + (descending ? " DESC NULLS LAST" : " ASC NULLS LAST");
    }
}
