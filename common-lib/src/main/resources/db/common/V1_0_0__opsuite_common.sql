-- common-lib tables, created in the service's own schema (Flyway default schema = search_path).
-- Services add db/common to quarkus.flyway.locations; their own migrations start at V2__.

-- Idempotency-Key records: one per (scope, key). A request claims its key by inserting an in_flight
-- row; the stored response is replayed to later requests with the same key and body hash.
CREATE TABLE idempotency_keys (
    scope            text        NOT NULL,
    idem_key         text        NOT NULL,
    request_hash     text        NOT NULL,
    state            text        NOT NULL CHECK (state IN ('in_flight', 'completed')),
    response_status  integer,
    response_headers jsonb,
    response_body    bytea,
    created_at       timestamptz NOT NULL DEFAULT now(),
    expires_at       timestamptz NOT NULL,
    PRIMARY KEY (scope, idem_key)
);
CREATE INDEX idempotency_keys_expires_at_idx ON idempotency_keys (expires_at);

-- Transactional outbox: rows written in the same transaction as the state change; the relay
-- publishes them to Kafka (acks=all) and only then sets published_at.
CREATE TABLE outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic           text        NOT NULL,
    record_key      text,
    headers         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    payload         bytea       NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    published_at    timestamptz,
    attempts        integer     NOT NULL DEFAULT 0,
    last_error      text,
    next_attempt_at timestamptz NOT NULL DEFAULT now()
);
-- the relay's work queue: only unpublished rows, in id order
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;
CREATE INDEX outbox_published_at_idx ON outbox (published_at) WHERE published_at IS NOT NULL;

-- Inbox: events already applied by a consumer (exactly-once application of at-least-once delivery).
CREATE TABLE inbox (
    consumer    text        NOT NULL,
    ce_id       text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, ce_id)
);
CREATE INDEX inbox_received_at_idx ON inbox (received_at);
