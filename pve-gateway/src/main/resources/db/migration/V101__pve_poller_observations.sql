-- What the PVE poller last saw of each cluster, committed together with the events it published from
-- it, while holding the lease. A replica that takes the lease over goes on from here: a task that ran
-- while no replica polled (the holder died, the lease had not expired yet) is still reported, and
-- nothing reported before is reported again. Without a row the first round is a silent baseline.
CREATE TABLE pve_poller_observations (
    cluster      varchar(64) PRIMARY KEY REFERENCES pve_clusters (name) ON UPDATE CASCADE ON DELETE CASCADE,
    nodes        jsonb       NOT NULL,  -- node name -> online
    tasks        jsonb       NOT NULL,  -- UPID -> null while running, its exit status once stopped
    observed_at  timestamptz NOT NULL DEFAULT now(),
    -- bumped by every write: a replica whose copy is older (it lost the lease for a while and got it
    -- back) must not publish from it, but reload
    version      bigint      NOT NULL
);
