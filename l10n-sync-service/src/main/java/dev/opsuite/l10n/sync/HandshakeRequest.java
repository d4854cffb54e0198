package dev.opsuite.l10n.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * POST /sync/handshake. {@code bloom.hashes}: the filter as one base64 string (or a one-element array,
 * as the seed's clients send it). {@code since}: the revision of the client's previous sync (optional);
 * entries unchanged since then are known to the client and not tested against the filter.
 */
public record HandshakeRequest(ClientCap clientCap, Bloom bloom, Scope scope, Long since) {
    public record ClientCap(Boolean zstd, List<String> dictIds) {}

    public record Bloom(Integer k, Long m, JsonNode hashes) {}

    public record Scope(String locale, String projectUid, String packUid) {}
}
