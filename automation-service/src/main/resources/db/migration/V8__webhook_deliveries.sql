-- Outbound webhooks as a transactional outbox: a task's started/succeeded/failed notification is
-- written in the transaction of its state change (webhook_events); a dispatcher on any replica turns
-- each into one delivery per matching subscription and sends it, retrying with back-off. Both tables
-- live in PostgreSQL, so nothing is lost when a replica stops or dies.
CREATE TABLE webhook_events (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event      text        NOT NULL CHECK (event IN ('started', 'succeeded', 'failed')),
    task_id    text        NOT NULL,
    kind       text        NOT NULL,
    ref_id     bigint,
    user_id    text,
    body       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_deliveries (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    notification_id bigint      NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    message_id      text        NOT NULL UNIQUE,
    event           text        NOT NULL,
    task_id         text        NOT NULL,
    body            text        NOT NULL,
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_finished_idx ON webhook_deliveries (finished_at) WHERE status <> 'pending';
