-- automation-service: inventory, credentials, catalogue (playbooks, scripts, workflows), feature
-- switches (all Hibernate Reactive Panache), and tasks with their per-node and per-step rows
-- (reactive PG client, the engines' hot path).

CREATE TABLE clusters (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name             text        NOT NULL UNIQUE,
    description      text,
    host_key_policy  text        NOT NULL DEFAULT 'pinned' CHECK (host_key_policy IN ('pinned', 'tofu')),
    kube_api_url     text,
    kube_token       text,       -- SecretBox ciphertext
    kube_ca_cert     text,
    source           text        NOT NULL DEFAULT 'api' CHECK (source IN ('api', 'pve')),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE nodes (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    cluster_id           bigint      NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
    name                 text        NOT NULL,
    host                 text        NOT NULL,
    port                 integer     NOT NULL DEFAULT 22 CHECK (port BETWEEN 1 AND 65535),
    labels               jsonb       NOT NULL DEFAULT '{}'::jsonb,
    host_key_fingerprint text,
    host_key             text,       -- the verified public key (OpenSSH one-line form) for known_hosts
    source               text        NOT NULL DEFAULT 'api' CHECK (source IN ('api', 'pve')),
    online               boolean,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    UNIQUE (cluster_id, name)
);

CREATE TABLE credentials (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                text        NOT NULL UNIQUE,
    username            text        NOT NULL,
    auth_type           text        NOT NULL CHECK (auth_type IN ('password', 'privatekey')),
    password_enc        text,
    private_key_enc     text,
    passphrase_enc      text,
    cluster_name        text,
    node_pattern        text,
    is_default          boolean     NOT NULL DEFAULT false,
    become_method       text        CHECK (become_method IN ('sudo', 'su')),
    become_user         text,
    become_password_enc text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE playbooks (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL,
    description text,
    content     text        NOT NULL,
    category    text,
    tags        text        NOT NULL DEFAULT '[]', -- JSON array (Hibernate Reactive maps json objects only)
    is_builtin  boolean     NOT NULL DEFAULT false,
    builtin_key text        UNIQUE,
    is_active   boolean     NOT NULL DEFAULT true,
    version     integer     NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE scripts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL,
    description text,
    content     text        NOT NULL,
    language    text        NOT NULL CHECK (language IN ('shell', 'python')),
    category    text,
    tags        text        NOT NULL DEFAULT '[]', -- JSON array (Hibernate Reactive maps json objects only)
    parameters  text        NOT NULL DEFAULT '[]', -- JSON array of declared parameters
    is_builtin  boolean     NOT NULL DEFAULT false,
    builtin_key text        UNIQUE,
    is_active   boolean     NOT NULL DEFAULT true,
    version     integer     NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE workflows (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL,
    description text,
    category    text,
    definition  jsonb       NOT NULL,
    is_builtin  boolean     NOT NULL DEFAULT false,
    builtin_key text        UNIQUE,
    is_active   boolean     NOT NULL DEFAULT true,
    version     integer     NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- One row: the feature switches and engine settings every replica reads.
CREATE TABLE feature_settings (
    id                     integer     PRIMARY KEY CHECK (id = 1),
    enabled                boolean     NOT NULL DEFAULT true,
    ansible_enabled        boolean     NOT NULL DEFAULT true,
    ssh_enabled            boolean     NOT NULL DEFAULT true,
    scripts_enabled        boolean     NOT NULL DEFAULT true,
    workflows_enabled      boolean     NOT NULL DEFAULT true,
    ansible_binary_path    text        NOT NULL DEFAULT 'ansible-playbook',
    ansible_temp_dir       text,
    ansible_timeout        integer     NOT NULL DEFAULT 3600,
    ansible_max_concurrent integer     NOT NULL DEFAULT 10,
    ssh_timeout            integer     NOT NULL DEFAULT 300,
    ssh_max_concurrent     integer     NOT NULL DEFAULT 50,
    ssh_pool_size          integer     NOT NULL DEFAULT 20,
    updated_at             timestamptz NOT NULL DEFAULT now()
);
INSERT INTO feature_settings (id) VALUES (1);

CREATE TABLE tasks (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id          text        NOT NULL UNIQUE,
    kind             text        NOT NULL CHECK (kind IN ('ssh', 'ansible', 'script', 'workflow')),
    status           text        NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
    outcome          text        CHECK (outcome IN ('success', 'partial', 'failure', 'timed_out', 'cancelled')),
    error            text,
    cluster_name     text        NOT NULL,
    target_nodes     jsonb       NOT NULL,
    command          text,
    ref_id           bigint,
    ref_name         text,
    credential_id    bigint,
    request          jsonb       NOT NULL DEFAULT '{}'::jsonb,
    output           text,
    progress         integer     NOT NULL DEFAULT 0,
    message          text,
    current_step     text,
    total_steps      integer,
    success_count    integer     NOT NULL DEFAULT 0,
    failed_count     integer     NOT NULL DEFAULT 0,
    user_id          text,
    username         text,
    owner_instance   text,
    heartbeat_at     timestamptz,
    cancel_requested boolean     NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL DEFAULT now(),
    start_time       timestamptz NOT NULL DEFAULT now(),
    end_time         timestamptz
);
CREATE INDEX tasks_kind_started_idx ON tasks (kind, id DESC);
CREATE INDEX tasks_unfinished_idx ON tasks (owner_instance) WHERE status IN ('pending', 'running');

CREATE TABLE task_nodes (
    task_id    text        NOT NULL REFERENCES tasks (task_id) ON DELETE CASCADE,
    idx        integer     NOT NULL,
    node       text        NOT NULL,
    host       text,
    status     text        NOT NULL,
    exit_code  integer,
    stdout     text,
    stderr     text,
    message    text,
    start_time timestamptz,
    end_time   timestamptz,
    PRIMARY KEY (task_id, node)
);

CREATE TABLE workflow_steps (
    task_id    text        NOT NULL REFERENCES tasks (task_id) ON DELETE CASCADE,
    idx        integer     NOT NULL,
    step_id    text        NOT NULL,
    name       text,
    type       text        NOT NULL,
    status     text        NOT NULL,
    attempts   integer     NOT NULL DEFAULT 0,
    result     text,
    message    text,
    progress   integer     NOT NULL DEFAULT 0,
    start_time timestamptz,
    end_time   timestamptz,
    PRIMARY KEY (task_id, step_id)
);
