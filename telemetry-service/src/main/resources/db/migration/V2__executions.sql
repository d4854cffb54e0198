-- One row per execution (an install/update run of a community script, or a deployment of the
-- suite). Keyed by execution_id: the first terminal report wins, later duplicates are absorbed.
CREATE TABLE executions (
    execution_id     varchar(64)  PRIMARY KEY,
    random_id        varchar(64)  NOT NULL,
    type             varchar(16)  NOT NULL,
    nsapp            varchar(64)  NOT NULL,
    status           varchar(16)  NOT NULL,
    current_step     varchar(16),
    os_type          varchar(32),
    os_version       varchar(32),
    pve_version      varchar(32),
    method           varchar(32),
    exit_code        integer,
    error            text,
    error_category   varchar(32),
    install_duration integer,
    started_at       timestamptz  NOT NULL,
    finished_at      timestamptz,
    updated_at       timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX executions_started_at_idx ON executions (started_at);
CREATE INDEX executions_nsapp_idx ON executions (nsapp);
