-- Ingest: every field of the telemetry payload on the execution, the status history of each
-- execution (the raw events), and the daily rollups the dashboard reads (kept in the same
-- transaction as the execution writes, so figures never drift from the rows).
ALTER TABLE executions
    ADD COLUMN repo_source      varchar(16),
    ADD COLUMN repo_slug        varchar(128),
    ADD COLUMN ct_type          integer,
    ADD COLUMN disk_size        integer,
    ADD COLUMN core_count       integer,
    ADD COLUMN ram_size         integer,
    ADD COLUMN gpu_vendor       varchar(16),
    ADD COLUMN gpu_passthrough  varchar(16),
    ADD COLUMN cpu_vendor       varchar(16),
    ADD COLUMN gpu_model        varchar(64),
    ADD COLUMN cpu_model        varchar(64),
    ADD COLUMN ram_speed        varchar(16),
    ADD COLUMN has_arm          boolean,
    ADD COLUMN payload_version  varchar(64),
    ADD COLUMN arch             varchar(64),
    ADD COLUMN platform         varchar(8),
    ADD COLUMN failed_command   varchar(512),
    ADD COLUMN failed_line      varchar(64),
    ADD COLUMN kernel_version   varchar(64),
    ADD COLUMN app_version      varchar(64),
    ADD COLUMN protocol         varchar(24),
    ADD COLUMN error_pattern    varchar(160),
    -- set when the sweeper gave up on the execution: a late real terminal report may still win
    ADD COLUMN swept            boolean NOT NULL DEFAULT false;

CREATE INDEX executions_status_updated_idx ON executions (status, updated_at);

-- Raw events: one row per accepted ingest event (ce_id), applied or absorbed as a duplicate.
CREATE TABLE execution_events (
    event_id      varchar(64)  PRIMARY KEY,
    execution_id  varchar(64)  NOT NULL,
    status        varchar(16)  NOT NULL,
    protocol      varchar(24),
    exit_code     integer,
    applied       boolean      NOT NULL,
    received_at   timestamptz  NOT NULL,
    payload       bytea
);
CREATE INDEX execution_events_execution_idx ON execution_events (execution_id, received_at);
CREATE INDEX execution_events_received_idx ON execution_events (received_at);

-- Daily rollups: per day (of the execution's start, UTC), repo, app, dimension value and current
-- status, how many executions and their summed install durations. An execution moving from one
-- status to another moves its contribution (-1 old row, +1 new row).
CREATE TABLE rollup_daily (
    day             date         NOT NULL,
    repo_source     varchar(16)  NOT NULL,
    nsapp           varchar(64)  NOT NULL,
    dim             varchar(16)  NOT NULL,
    val             varchar(64)  NOT NULL,
    status          varchar(16)  NOT NULL,
    executions      bigint       NOT NULL DEFAULT 0,
    duration_sum    bigint       NOT NULL DEFAULT 0,
    duration_count  bigint       NOT NULL DEFAULT 0,
    PRIMARY KEY (day, repo_source, nsapp, dim, val, status)
);
CREATE INDEX rollup_daily_dim_idx ON rollup_daily (dim, day);

-- Normalised error patterns of failed executions, per day, repo and app.
CREATE TABLE rollup_errors_daily (
    day          date          NOT NULL,
    repo_source  varchar(16)   NOT NULL,
    nsapp        varchar(64)   NOT NULL,
    pattern      varchar(160)  NOT NULL,
    executions   bigint        NOT NULL DEFAULT 0,
    PRIMARY KEY (day, repo_source, nsapp, pattern)
);

-- Backfill for executions recorded before the rollups existed (finished deployments of the suite).
-- Error patterns of those rows are not backfilled: they are computed by the service.
INSERT INTO rollup_daily (day, repo_source, nsapp, dim, val, status, executions, duration_sum, duration_count)
SELECT (e.started_at AT TIME ZONE 'UTC')::date, coalesce(e.repo_source, ''), e.nsapp, d.dim, d.val, e.status,
       count(*), coalesce(sum(e.install_duration), 0), count(e.install_duration)
FROM executions e
CROSS JOIN LATERAL (VALUES ('all', ''), ('type', e.type), ('category', coalesce(e.error_category, ''))) AS d(dim, val)
WHERE d.dim = 'all' OR d.val <> ''
GROUP BY 1, 2, 3, 4, 5, 6;
