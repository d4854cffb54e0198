-- Monthly rollups beside the daily ones. A long range read the daily rows of every one of its days
-- (a year over all apps: ~330 k per-app rows and ~115 k error-pattern rows, 250–400 ms). It now reads
-- its whole months here and only the days of its first, partial month from the daily tables. Each
-- table has the columns of its daily twin with `month` (the first day of the month, UTC) for `day`,
-- and the same meaning; both are maintained in the transactions that change the executions.
CREATE TABLE rollup_apps_monthly (
    month           date         NOT NULL,
    repo_source     varchar(16)  NOT NULL,
    nsapp           varchar(64)  NOT NULL,
    status          varchar(16)  NOT NULL,
    executions      bigint       NOT NULL DEFAULT 0,
    duration_sum    bigint       NOT NULL DEFAULT 0,
    duration_count  bigint       NOT NULL DEFAULT 0,
    PRIMARY KEY (month, repo_source, nsapp, status)
);

CREATE TABLE rollup_monthly (
    month           date         NOT NULL,
    repo_source     varchar(16)  NOT NULL,
    nsapp           varchar(64)  NOT NULL,
    dim             varchar(16)  NOT NULL,
    val             varchar(64)  NOT NULL,
    status          varchar(16)  NOT NULL,
    executions      bigint       NOT NULL DEFAULT 0,
    duration_sum    bigint       NOT NULL DEFAULT 0,
    duration_count  bigint       NOT NULL DEFAULT 0,
    PRIMARY KEY (month, repo_source, nsapp, dim, val, status)
);
-- one app's distributions (the only reader of this table) over a year: a few hundred rows, not a scan
CREATE INDEX rollup_monthly_app_idx ON rollup_monthly (nsapp, month);

CREATE TABLE rollup_dims_monthly (
    month        date         NOT NULL,
    repo_source  varchar(16)  NOT NULL,
    dim          varchar(16)  NOT NULL,
    val          varchar(64)  NOT NULL,
    status       varchar(16)  NOT NULL,
    executions   bigint       NOT NULL DEFAULT 0,
    PRIMARY KEY (month, repo_source, dim, val, status)
);

CREATE TABLE rollup_errors_monthly (
    month        date          NOT NULL,
    repo_source  varchar(16)   NOT NULL,
    nsapp        varchar(64)   NOT NULL,
    pattern      varchar(160)  NOT NULL,
    executions   bigint        NOT NULL DEFAULT 0,
    PRIMARY KEY (month, repo_source, nsapp, pattern)
);

-- The dashboard's daily series over all apps: per day, repo and current status. Grouping
-- rollup_apps_daily by day read one row per app and day for it.
CREATE TABLE rollup_status_daily (
    day          date         NOT NULL,
    repo_source  varchar(16)  NOT NULL,
    status       varchar(16)  NOT NULL,
    executions   bigint       NOT NULL DEFAULT 0,
    PRIMARY KEY (day, repo_source, status)
);

-- one app's daily series and partial month: its rows only
CREATE INDEX rollup_apps_daily_app_idx ON rollup_apps_daily (nsapp, day);
CREATE INDEX rollup_daily_app_idx ON rollup_daily (nsapp, day);

-- Backfill from the daily rows (which the executions of days past retention survive in).
INSERT INTO rollup_apps_monthly (month, repo_source, nsapp, status, executions, duration_sum, duration_count)
SELECT date_trunc('month', day::timestamp)::date, repo_source, nsapp, status, sum(executions), sum(duration_sum), sum(duration_count)
FROM rollup_apps_daily
GROUP BY 1, 2, 3, 4;

INSERT INTO rollup_monthly (month, repo_source, nsapp, dim, val, status, executions, duration_sum, duration_count)
SELECT date_trunc('month', day::timestamp)::date, repo_source, nsapp, dim, val, status,
       sum(executions), sum(duration_sum), sum(duration_count)
FROM rollup_daily
GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO rollup_dims_monthly (month, repo_source, dim, val, status, executions)
SELECT date_trunc('month', day::timestamp)::date, repo_source, dim, val, status, sum(executions)
FROM rollup_dims_daily
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO rollup_errors_monthly (month, repo_source, nsapp, pattern, executions)
SELECT date_trunc('month', day::timestamp)::date, repo_source, nsapp, pattern, sum(executions)
FROM rollup_errors_daily
GROUP BY 1, 2, 3, 4;

INSERT INTO rollup_status_daily (day, repo_source, status, executions)
SELECT day, repo_source, status, sum(executions)
FROM rollup_apps_daily
GROUP BY 1, 2, 3;
