-- Cron schedules of SSH commands, scripts, playbook runs and workflows. Each occurrence is claimed by
-- exactly one replica with a compare-and-set on next_run_at (the row is the lease of that occurrence).
CREATE TABLE schedules (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           text        NOT NULL UNIQUE,
    kind           text        NOT NULL CHECK (kind IN ('ssh', 'script', 'ansible', 'workflow')),
    cron           text        NOT NULL,
    time_zone      text        NOT NULL DEFAULT 'UTC',
    enabled        boolean     NOT NULL DEFAULT true,
    misfire_policy text        NOT NULL DEFAULT 'run_once' CHECK (misfire_policy IN ('run_once', 'skip')),
    request        jsonb       NOT NULL,
    next_run_at    timestamptz,
    last_run_at    timestamptz,
    last_task_id   text,
    last_error     text,
    created_by     text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX schedules_due_idx ON schedules (next_run_at) WHERE enabled;
