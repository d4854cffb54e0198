-- Applications that can be deployed on this host.
CREATE TABLE apps (
    name                   text PRIMARY KEY,
    source_path            text        NOT NULL,
    compose_file           text,
    start_command          jsonb,                      -- argv as a JSON array of strings
    health_url             text,
    health_timeout_seconds int         NOT NULL DEFAULT 60,
    python                 text,
    webhook_secret         text        NOT NULL,       -- SecretBox ciphertext (context app:<name>)
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE deployments (
    id                   text PRIMARY KEY,
    seq                  bigint GENERATED ALWAYS AS IDENTITY UNIQUE,   -- FIFO order and cursor paging
    app                  text        NOT NULL,
    environment          text        NOT NULL,
    requested_mode       text        NOT NULL,
    mode                 text        NOT NULL CHECK (mode IN ('docker', 'uv', 'fallback')),
    status               text        NOT NULL CHECK (status IN ('queued', 'accepted', 'running', 'completed', 'failed', 'cancelled', 'timed_out')),
    initiator            text        NOT NULL,
    profile              text,
    env_names            jsonb       NOT NULL DEFAULT '[]',
    env_secret           text,                         -- SecretBox ciphertext of the env map (context deployment-env:<id>)
    timeout_seconds      int         NOT NULL,
    force_rebuild        boolean     NOT NULL DEFAULT false,
    skip_health_check    boolean     NOT NULL DEFAULT false,
    callback_url         text,
    webhook_secret       text,                         -- SecretBox ciphertext; null = the app's secret
    metadata             jsonb       NOT NULL DEFAULT '{}',
    estimated_duration   int         NOT NULL,
    current_step         text,
    progress             double precision NOT NULL DEFAULT 0,
    completed_steps      int         NOT NULL DEFAULT 0,
    total_steps          int         NOT NULL DEFAULT 0,
    created_at           timestamptz NOT NULL DEFAULT now(),
    start_time           timestamptz,
    end_time             timestamptz,
    updated_at           timestamptz NOT NULL DEFAULT now(),
    error                text,
    exit_code            int,
    cancel_requested     boolean     NOT NULL DEFAULT false,
    owner_instance       text,
    redeploy_of          text
);
-- The database, not memory, guarantees one running deployment per app+environment, across replicas.
CREATE UNIQUE INDEX deployments_one_active_per_target ON deployments (app, environment)
    WHERE status IN ('accepted', 'running');
CREATE INDEX deployments_unfinished ON deployments (status, seq) WHERE status IN ('queued', 'accepted', 'running');
CREATE INDEX deployments_history ON deployments (seq DESC);

CREATE TABLE deployment_steps (
    deployment_id text        NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
    idx           int         NOT NULL,
    name          text        NOT NULL,
    weight        int         NOT NULL,
    status        text        NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'running', 'completed', 'failed', 'skipped', 'cancelled')),
    started_at    timestamptz,
    ended_at      timestamptz,
    exit_code     int,
    PRIMARY KEY (deployment_id, idx)
);

CREATE TABLE deployment_logs (
    deployment_id text        NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
    line_no       bigint      NOT NULL,
    stream        text        NOT NULL,
    line          text        NOT NULL,   -- already masked
    logged_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (deployment_id, line_no)
);

-- Processes a deployment started, so a restarted service can kill what an interrupted one left behind.
-- process_start (epoch millis) tells a recycled PID from ours.
CREATE TABLE deployment_processes (
    deployment_id text   NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
    pid           bigint NOT NULL,
    process_start bigint,
    role          text   NOT NULL CHECK (role IN ('step', 'app')),
    PRIMARY KEY (deployment_id, pid)
);

-- The app process currently serving an app+environment (uv/fallback), replaced by the next deployment.
CREATE TABLE app_instances (
    app           text        NOT NULL,
    environment   text        NOT NULL,
    deployment_id text        NOT NULL,
    pid           bigint      NOT NULL,
    process_start bigint,
    started_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (app, environment)
);

-- Webhook messages (one per event; webhook-id stable across retries) and every delivery attempt.
CREATE TABLE webhook_messages (
    id              text PRIMARY KEY,
    deployment_id   text        NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
    event_type      text        NOT NULL,
    url             text        NOT NULL,
    body            text        NOT NULL,
    state           text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_messages_due ON webhook_messages (next_attempt_at) WHERE state = 'pending';

CREATE TABLE webhook_attempts (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id    text        NOT NULL REFERENCES webhook_messages (id) ON DELETE CASCADE,
    deployment_id text        NOT NULL,
    attempt       int         NOT NULL,
    attempted_at  timestamptz NOT NULL DEFAULT now(),
    status_code   int,
    duration_ms   bigint      NOT NULL,
    error         text,
    outcome       text        NOT NULL CHECK (outcome IN ('delivered', 'retry', 'failed'))
);
CREATE INDEX webhook_attempts_by_deployment ON webhook_attempts (deployment_id, id);
