-- One row per fired occurrence of a schedule: which replica fired it and the run it started (or why it
-- could not start). The unique key makes a second firing of one occurrence impossible even if two
-- replicas got past the compare-and-set on schedules.next_run_at.
CREATE TABLE schedule_firings (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    schedule_id bigint      NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    occurrence  timestamptz NOT NULL,
    instance_id text        NOT NULL,
    fired_at    timestamptz NOT NULL DEFAULT now(),
    task_id     text,
    error       text,
    UNIQUE (schedule_id, occurrence)
);
CREATE INDEX schedule_firings_fired_at_idx ON schedule_firings (fired_at);
