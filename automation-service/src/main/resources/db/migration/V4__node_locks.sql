-- Per-node exclusive locks: an exclusive run holds every node it targets; another exclusive run on an
-- overlapping node waits pending (waiting_for names the holders). Released with the task's terminal
-- state, and by reconciliation when the owning replica died.
CREATE TABLE node_locks (
    cluster_name text        NOT NULL,
    node         text        NOT NULL,
    task_id      text        NOT NULL REFERENCES tasks (task_id) ON DELETE CASCADE,
    acquired_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (cluster_name, node)
);
CREATE INDEX node_locks_task_idx ON node_locks (task_id);

ALTER TABLE tasks ADD COLUMN waiting_for text;
