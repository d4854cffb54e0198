-- PVE clusters the facade fronts (issue 10). The API token secret is a SecretBox ciphertext.
CREATE TABLE pve_clusters (
    id            bigserial PRIMARY KEY,
    name          varchar(64)  NOT NULL UNIQUE,
    nodes         jsonb        NOT NULL,
    token_id      varchar(255) NOT NULL,
    token_secret  text         NOT NULL,
    ca_pem        text,
    verify_tls    boolean      NOT NULL DEFAULT true,
    is_default    boolean      NOT NULL DEFAULT false,
    created_at    timestamptz  NOT NULL DEFAULT now(),
    updated_at    timestamptz  NOT NULL DEFAULT now()
);
-- at most one default cluster
CREATE UNIQUE INDEX pve_clusters_single_default ON pve_clusters (is_default) WHERE is_default;

-- ids handed out by the facade's /cluster/nextid, held until they expire (PVE reserves nothing)
CREATE TABLE pve_vmid_reservations (
    cluster_id  bigint      NOT NULL REFERENCES pve_clusters (id) ON DELETE CASCADE,
    vmid        integer     NOT NULL,
    expires_at  timestamptz NOT NULL,
    PRIMARY KEY (cluster_id, vmid)
);

-- the poller's lease: one active poller among gateway replicas
CREATE TABLE pve_poller_lease (
    name        varchar(64)  PRIMARY KEY,
    holder      varchar(128) NOT NULL,
    expires_at  timestamptz  NOT NULL
);
