-- Per-app totals (the 'all' dimension) get a table of their own. In rollup_daily they were one row in
-- ten, scattered over every page of a table ten times their size: totals, top apps, the failure
-- ranking and the daily series of a long range read almost the whole table. Moved here, with the
-- same meaning: per day (of the execution's start, UTC), repo, app and current status.
CREATE TABLE rollup_apps_daily (
    day             date         NOT NULL,
    repo_source     varchar(16)  NOT NULL,
    nsapp           varchar(64)  NOT NULL,
    status          varchar(16)  NOT NULL,
    executions      bigint       NOT NULL DEFAULT 0,
    duration_sum    bigint       NOT NULL DEFAULT 0,
    duration_count  bigint       NOT NULL DEFAULT 0,
    PRIMARY KEY (day, repo_source, nsapp, status)
);

INSERT INTO rollup_apps_daily (day, repo_source, nsapp, status, executions, duration_sum, duration_count)
SELECT day, repo_source, nsapp, status, executions, duration_sum, duration_count
FROM rollup_daily
WHERE dim = 'all';

DELETE FROM rollup_daily WHERE dim = 'all';
