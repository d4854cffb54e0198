-- Distributions over all apps (OS, PVE versions, GPU, CPU, method, type, error category) read this
-- narrower rollup: per day, repo, dimension value and status, without the app. For a range it has a
-- few hundred times fewer rows than rollup_daily, which keeps one row per app as well. Maintained in
-- the same transactions as rollup_daily; backfilled from it here.
CREATE TABLE rollup_dims_daily (
    day          date         NOT NULL,
    repo_source  varchar(16)  NOT NULL,
    dim          varchar(16)  NOT NULL,
    val          varchar(64)  NOT NULL,
    status       varchar(16)  NOT NULL,
    executions   bigint       NOT NULL DEFAULT 0,
    PRIMARY KEY (day, repo_source, dim, val, status)
);

INSERT INTO rollup_dims_daily (day, repo_source, dim, val, status, executions)
SELECT day, repo_source, dim, val, status, sum(executions)
FROM rollup_daily
WHERE dim <> 'all'
GROUP BY day, repo_source, dim, val, status;
