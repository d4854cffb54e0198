-- Which transactions changed the entries of which locale (NULL: every locale, e.g. a pack version's
-- mods changed, so pack scopes did). A service instance keeps a scope's CIDs in memory for handshakes;
-- the copy is current as long as no transaction its database snapshot could not see has a row here.
-- Rows are only inserted (no lock is shared between writers) and are pruned by the session janitor.
CREATE TABLE entry_changes (
    txid       xid8        NOT NULL DEFAULT pg_current_xact_id(),
    locale     text,
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entry_changes_txid_idx ON entry_changes (txid);
CREATE INDEX entry_changes_changed_at_idx ON entry_changes (changed_at);
