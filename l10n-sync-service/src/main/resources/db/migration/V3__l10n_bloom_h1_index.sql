-- Faster bulk commits: fetch by CID looks entries up by the CID's first Bloom hash (computed from the
-- CID by the service) and then compares the CID: an 8-byte key instead of a 67-character random one,
-- a quarter of the index to maintain on every bulk insert.
CREATE INDEX translation_entries_bloom_h1_idx ON translation_entries (bloom_h1);
DROP INDEX translation_entries_cid_idx;
