package dev.opsuite.gateway.pve.cluster;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SQL for {@code pve_clusters}. The reactive client, like the gateway's other tables: the facade
 * reads clusters on its request path outside any ORM session.
 */
@ApplicationScoped
public class ClusterRepository {

    private final Pool pool;

    public ClusterRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<PveCluster>> all() {
        return pool.query("SELECT " + PveCluster.COLUMNS + " FROM pve_clusters ORDER BY name")
                .execute()
                .map(ClusterRepository::all);
    }

    public Uni<Optional<PveCluster>> byName(String name) {
        return pool.preparedQuery("SELECT " + PveCluster.COLUMNS + " FROM pve_clusters WHERE name = $1")
                .execute(Tuple.of(name))
                .map(ClusterRepository::one);
    }

    /** Empty when the name is taken. Clearing other defaults happens in the same transaction. */
    public Uni<Optional<PveCluster>> insert(ClusterValues v) {
        return pool.withTransaction(tx -> clearDefault(tx, v.isDefault(), -1)
                .chain(() -> tx.preparedQuery("INSERT INTO pve_clusters "
                                + "(name, nodes, token_id, token_secret, ca_pem, verify_tls, is_default) "
                                + "VALUES ($1, $2::text::jsonb, $3, $4, $5, $6, $7) ON CONFLICT (name) DO NOTHING RETURNING "
                                + PveCluster.COLUMNS)
                        .execute(Tuple.from(new Object[] {
                            v.name(),
                            PveCluster.nodesToJson(v.nodes()),
                            v.tokenId(),
                            v.tokenSecretCiphertext(),
                            v.caPem(),
                            v.verifyTls(),
                            v.isDefault()
                        }))
                        .map(ClusterRepository::one)));
    }

    /** Empty when there is no such cluster; a conflicting new name fails with a unique violation. */
    public Uni<Optional<PveCluster>> update(String currentName, ClusterValues v) {
        return pool.withTransaction(tx -> byNameForUpdate(tx, currentName).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<PveCluster>empty());
            }
            long id = found.get().id();
            String secret = v.tokenSecretCiphertext() != null
                    ? v.tokenSecretCiphertext()
                    : found.get().tokenSecretCiphertext();
            return clearDefault(tx, v.isDefault(), id)
                    .chain(() -> tx.preparedQuery("UPDATE pve_clusters SET name = $2, nodes = $3::text::jsonb, "
                                    + "token_id = $4, token_secret = $5, ca_pem = $6, verify_tls = $7, is_default = $8, "
                                    + "updated_at = now() WHERE id = $1 RETURNING " + PveCluster.COLUMNS)
                            .execute(Tuple.from(new Object[] {
                                id,
                                v.name(),
                                PveCluster.nodesToJson(v.nodes()),
                                v.tokenId(),
                                secret,
                                v.caPem(),
                                v.verifyTls(),
                                v.isDefault()
                            }))
                            .map(ClusterRepository::one));
        }));
    }

    public Uni<Boolean> delete(String name) {
        return pool.preparedQuery("DELETE FROM pve_clusters WHERE name = $1")
                .execute(Tuple.of(name))
                .map(rows -> rows.rowCount() == 1);
    }

    private static Uni<Optional<PveCluster>> byNameForUpdate(SqlClient tx, String name) {
        return tx.preparedQuery("SELECT " + PveCluster.COLUMNS + " FROM pve_clusters WHERE name = $1 FOR UPDATE")
                .execute(Tuple.of(name))
                .map(ClusterRepository::one);
    }

    private static Uni<Void> clearDefault(SqlClient tx, boolean becomesDefault, long exceptId) {
        if (!becomesDefault) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("UPDATE pve_clusters SET is_default = false, updated_at = now() "
                        + "WHERE is_default AND id <> $1")
                .execute(Tuple.of(exceptId))
                .replaceWithVoid();
    }

    private static Optional<PveCluster> one(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(PveCluster.from(it.next())) : Optional.empty();
    }

    private static List<PveCluster> all(RowSet<Row> rows) {
        List<PveCluster> list = new ArrayList<>();
        rows.forEach(r -> list.add(PveCluster.from(r)));
        return list;
    }
}
