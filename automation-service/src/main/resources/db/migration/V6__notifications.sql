-- Outbound webhooks on task start/success/failure, per kind, per template (playbook/script/workflow id)
-- or per schedule. Secrets are SecretBox ciphertexts.
CREATE TABLE notifications (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    url         text        NOT NULL,
    secret_enc  text        NOT NULL,
    events      text        NOT NULL DEFAULT 'started,succeeded,failed',
    kind        text        CHECK (kind IN ('ssh', 'script', 'ansible', 'workflow')),
    ref_id      bigint,
    schedule_id bigint,
    enabled     boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
