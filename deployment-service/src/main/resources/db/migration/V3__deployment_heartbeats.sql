-- Running deployments are kept alive by their replica; a replica that vanished (and never comes back
-- under the same instance id) would otherwise hold its concurrency slots forever.
ALTER TABLE deployments ADD COLUMN heartbeat_at timestamptz;
