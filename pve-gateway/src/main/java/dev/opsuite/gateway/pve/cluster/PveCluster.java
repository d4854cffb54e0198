package dev.opsuite.gateway.pve.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A row of {@code pve_clusters}. {@code tokenSecretCiphertext} is SecretBox ciphertext; only
 * {@link ClusterRegistry} decrypts it, to call PVE.
 */
public record PveCluster(
        long id,
        String name,
        List<ClusterNode> nodes,
        String tokenId,
        String tokenSecretCiphertext,
        String caPem,
        boolean verifyTls,
        boolean isDefault,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static final String COLUMNS =
            "id, name, nodes::text AS nodes, token_id, token_secret, ca_pem, verify_tls, is_default, created_at, updated_at";

    static PveCluster from(Row row) {
        return new PveCluster(
                row.getLong("id"),
                row.getString("name"),
                nodesFromJson(row.getString("nodes")),
                row.getString("token_id"),
                row.getString("token_secret"),
                row.getString("ca_pem"),
                row.getBoolean("verify_tls"),
                row.getBoolean("is_default"),
                row.getOffsetDateTime("created_at"),
                row.getOffsetDateTime("updated_at"));
    }

    static String nodesToJson(List<ClusterNode> nodes) {
        JsonArray array = new JsonArray();
        nodes.forEach(n -> array.add(
                new JsonObject().put("host", n.host()).put("port", n.port()).put("fingerprint", n.fingerprint())));
        return array.encode();
    }

    static List<ClusterNode> nodesFromJson(String json) {
        List<ClusterNode> nodes = new ArrayList<>();
        for (Object o : new JsonArray(json)) {
            JsonObject n = (JsonObject) o;
            nodes.add(new ClusterNode(n.getString("host"), n.getInteger("port"), n.getString("fingerprint")));
        }
        return List.copyOf(nodes);
    }

    /** Identifies this version of the row: upstream connections are rebuilt when it changes. */
    public String version() {
        return id + "@" + updatedAt.toInstant().toEpochMilli();
    }
}
