-- Who created, changed, deleted, ran or cancelled what (secrets never stored): written by Hibernate
-- Reactive in the same transaction as the change it records.
CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text        NOT NULL,
    role        text,
    action      text        NOT NULL,
    target_type text        NOT NULL,
    target_id   text,
    summary     text,
    before      jsonb,
    after       jsonb,
    request_id  text
);
CREATE INDEX audit_log_at_idx ON audit_log (id DESC);
CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id);
