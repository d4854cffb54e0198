-- l10n-sync-service: catalogue, entries with their history, sync sessions and the chunk store,
-- queue, settings, glossary, webhooks, dictionaries and measured counters.

-- pg_trgm powers translation-memory fuzzy matches. The service role cannot create extensions
-- (it has no CREATE on the database): the database administrator installs it into this schema
-- beforehand (devstack's SchemaProvisioner does); IF NOT EXISTS then makes this a no-op.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA ${flyway:defaultSchema};

CREATE TABLE packs (
    uid        text PRIMARY KEY,
    platform   text NOT NULL CHECK (platform IN ('modrinth', 'curseforge', 'custom')),
    slug       text NOT NULL,
    title      text NOT NULL,
    author     text,
    homepage   text,
    version    bigint NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (platform, slug)
);

CREATE TABLE pack_versions (
    uid           text PRIMARY KEY,
    pack_uid      text NOT NULL REFERENCES packs (uid) ON DELETE CASCADE,
    mc_version    text NOT NULL,
    loader        text NOT NULL CHECK (loader IN ('forge', 'neoforge', 'fabric', 'quilt', 'multi', 'unknown')),
    manifest_json jsonb,
    manifest_hash text,
    version       bigint NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pack_versions_pack_idx ON pack_versions (pack_uid);

CREATE TABLE mods (
    uid        text PRIMARY KEY,
    modid      text NOT NULL UNIQUE,
    slug       text,
    name       text NOT NULL,
    homepage   text,
    version    bigint NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE mod_versions (
    uid        text PRIMARY KEY,
    mod_uid    text NOT NULL REFERENCES mods (uid) ON DELETE CASCADE,
    loader     text NOT NULL CHECK (loader IN ('forge', 'neoforge', 'fabric', 'quilt', 'multi', 'unknown')),
    mc_version text NOT NULL,
    version    text NOT NULL,
    meta_json  jsonb,
    row_version bigint NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (mod_uid, loader, mc_version, version)
);

-- which mods a pack version contains (the scope of a pack: handshakes, consistency checks)
CREATE TABLE pack_version_mods (
    pack_version_uid text NOT NULL REFERENCES pack_versions (uid) ON DELETE CASCADE,
    mod_uid          text NOT NULL REFERENCES mods (uid) ON DELETE CASCADE,
    PRIMARY KEY (pack_version_uid, mod_uid)
);
CREATE INDEX pack_version_mods_mod_idx ON pack_version_mods (mod_uid);

CREATE TABLE language_files (
    uid          text PRIMARY KEY,
    carrier_type text NOT NULL CHECK (carrier_type IN ('mod', 'resource_pack', 'data_pack', 'override')),
    carrier_uid  text NOT NULL,
    locale       text NOT NULL,
    rel_path     text NOT NULL,
    format       text NOT NULL CHECK (format IN ('json', 'lang', 'properties')),
    version      bigint NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (carrier_uid, locale, rel_path)
);
CREATE INDEX language_files_locale_idx ON language_files (locale, carrier_type);

-- every change of any entry takes the next number: export order, keyset resume, ETags, "since"
CREATE SEQUENCE entry_revision_seq;

CREATE TABLE translation_entries (
    uid               text PRIMARY KEY,
    language_file_uid text NOT NULL REFERENCES language_files (uid) ON DELETE CASCADE,
    key               text NOT NULL,
    src_text          text,
    dst_text          text,
    status            text NOT NULL CHECK (status IN ('new', 'mt', 'suggested', 'reviewed', 'locked', 'rejected', 'conflict', 'outdated')),
    qa_flags          jsonb NOT NULL DEFAULT '{}'::jsonb,
    version           bigint NOT NULL DEFAULT 1,
    cid               text NOT NULL,
    -- the CID's Bloom hashes (h1, h2 of the pinned construction), so a handshake tests membership
    -- without hashing every CID in scope again
    bloom_h1          bigint NOT NULL,
    bloom_h2          bigint NOT NULL,
    revision          bigint NOT NULL DEFAULT nextval('entry_revision_seq'),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (language_file_uid, key)
);
CREATE UNIQUE INDEX translation_entries_revision_idx ON translation_entries (revision);
CREATE INDEX translation_entries_cid_idx ON translation_entries (cid);
CREATE INDEX translation_entries_src_md5_idx ON translation_entries (md5(src_text));

-- every distinct source text once, with the trigram index translation-memory fuzzy matches use
-- (a trigram index on the entries themselves would cost more than the rest of a bulk insert)
CREATE TABLE source_texts (
    hash text PRIMARY KEY, -- md5(text): joins translation_entries on its md5(src_text) index
    text text NOT NULL
);
CREATE INDEX source_texts_trgm_idx ON source_texts USING gin (text gin_trgm_ops);

-- the content an entry had at each superseded version: the base of three-way merges
CREATE TABLE entry_history (
    entry_uid  text   NOT NULL,
    version    bigint NOT NULL,
    src_text   text,
    dst_text   text,
    status     text   NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now(),
    changed_by text,
    PRIMARY KEY (entry_uid, version)
);

CREATE TABLE glossary_terms (
    uid            text PRIMARY KEY,
    locale         text NOT NULL,
    term           text NOT NULL,
    translation    text NOT NULL,
    case_sensitive boolean NOT NULL DEFAULT false,
    note           text,
    version        bigint NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (locale, term)
);

-- content-addressed chunk store: uncompressed NDJSON by CID, referenced by sync sessions
CREATE TABLE chunks (
    cid        text PRIMARY KEY,
    data       bytea  NOT NULL,
    size_bytes bigint NOT NULL,
    -- bytes as uploaded (compressed), the Upload-Offset of a finished upload
    sent_bytes bigint NOT NULL,
    entries    integer NOT NULL,
    refcount   integer NOT NULL DEFAULT 0 CHECK (refcount >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sync_sessions (
    id              text PRIMARY KEY,
    locale          text NOT NULL,
    pack_uid        text,
    project_uid     text,
    since_revision  bigint,
    bloom_k         integer NOT NULL,
    bloom_m         bigint  NOT NULL,
    bloom_bits      bytea   NOT NULL,
    state           text NOT NULL CHECK (state IN ('open', 'committing', 'committed', 'failed', 'expired')),
    in_scope        bigint NOT NULL DEFAULT 0,
    missing_count   bigint NOT NULL DEFAULT 0,
    confirm_count   bigint NOT NULL DEFAULT 0,
    confirmed       boolean NOT NULL DEFAULT false,
    false_positives bigint NOT NULL DEFAULT 0,
    bytes_received  bigint NOT NULL DEFAULT 0,
    bytes_sent      bigint NOT NULL DEFAULT 0,
    chunk_count     integer NOT NULL DEFAULT 0,
    result          jsonb,
    created_by      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    committed_at    timestamptz,
    duration_ms     bigint
);
CREATE INDEX sync_sessions_created_idx ON sync_sessions (created_at DESC);
CREATE INDEX sync_sessions_expires_idx ON sync_sessions (expires_at) WHERE state IN ('open', 'committing');

-- chunks a session uploaded or referenced (each holds one reference on the chunk)
CREATE TABLE session_chunks (
    session_id text NOT NULL REFERENCES sync_sessions (id) ON DELETE CASCADE,
    cid        text NOT NULL,
    in_commit  boolean NOT NULL DEFAULT false,
    applied    boolean NOT NULL DEFAULT false,
    result     jsonb,
    PRIMARY KEY (session_id, cid)
);

-- resumable uploads in progress: the bytes as sent (still compressed) until complete
CREATE TABLE chunk_uploads (
    cid            text PRIMARY KEY,
    session_id     text NOT NULL REFERENCES sync_sessions (id) ON DELETE CASCADE,
    encoding       text NOT NULL,
    dict_id        text,
    total_bytes    bigint,
    received_bytes bigint NOT NULL DEFAULT 0,
    data           bytea NOT NULL DEFAULT ''::bytea,
    started_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- per-locale zstd dictionaries trained from the locale's entries
CREATE TABLE zstd_dicts (
    dict_id          text PRIMARY KEY,
    locale           text NOT NULL,
    zstd_dict_id     bigint NOT NULL,
    data             bytea NOT NULL,
    samples          integer NOT NULL,
    ratio_plain      double precision NOT NULL,
    ratio_dict       double precision NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX zstd_dicts_locale_idx ON zstd_dicts (locale, created_at DESC);

CREATE TABLE queue_tasks (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type             text NOT NULL,
    payload          jsonb NOT NULL DEFAULT '{}'::jsonb,
    priority         integer NOT NULL DEFAULT 0,
    dedupe_key       text,
    state            text NOT NULL CHECK (state IN ('pending', 'leased', 'succeeded', 'dead')),
    attempts         integer NOT NULL DEFAULT 0,
    max_attempts     integer NOT NULL,
    lease_owner      text,
    lease_token      text,
    lease_expires_at timestamptz,
    available_at     timestamptz NOT NULL DEFAULT now(),
    output           jsonb,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    processing_ms    bigint
);
-- a dedupe key is unique among open tasks only
CREATE UNIQUE INDEX queue_tasks_dedupe_idx ON queue_tasks (dedupe_key) WHERE state IN ('pending', 'leased');
CREATE INDEX queue_tasks_ready_idx ON queue_tasks (priority DESC, id) WHERE state IN ('pending', 'leased');
CREATE INDEX queue_tasks_state_type_idx ON queue_tasks (state, type);

-- every attempt's outcome, for the error rate and processing time figures
CREATE TABLE queue_attempts (
    task_id     bigint NOT NULL,
    attempt     integer NOT NULL,
    outcome     text NOT NULL CHECK (outcome IN ('success', 'failure', 'expired')),
    duration_ms bigint,
    finished_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (task_id, attempt)
);
CREATE INDEX queue_attempts_finished_idx ON queue_attempts (finished_at);

CREATE TABLE settings (
    key        text PRIMARY KEY,
    value      jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by text
);

CREATE TABLE webhooks (
    uid        text PRIMARY KEY,
    url        text NOT NULL,
    secret     text NOT NULL,
    events     text[] NOT NULL,
    locale     text,
    created_by text,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_messages (
    id              text PRIMARY KEY,
    webhook_uid     text NOT NULL REFERENCES webhooks (uid) ON DELETE CASCADE,
    event_type      text NOT NULL,
    body            text NOT NULL,
    state           text NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_status     integer,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz
);
CREATE INDEX webhook_messages_due_idx ON webhook_messages (next_attempt_at) WHERE state = 'pending';

-- measured counters behind /database/statistics (bytes moved, CAS hits, re-sent parts, ...)
CREATE TABLE counters (
    name  text PRIMARY KEY,
    value bigint NOT NULL DEFAULT 0
);
