package dev.opsuite.gateway.pve.poller;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * SQL for {@code pve_poller_observations}: the poller's last observation of each cluster, written in
 * the transaction that publishes the events derived from it, read by whichever replica polls next.
 */
@ApplicationScoped
public class ObservationStore {
    private final Pool pool;

    public ObservationStore(Pool pool) {
        this.pool = pool;
    }

    /** The stored observation of {@code cluster}, if a lease holder ever committed one. */
    public Uni<Optional<ClusterObservation>> load(String cluster) {
        return pool.preparedQuery(
                        "SELECT nodes::text, tasks::text, version FROM pve_poller_observations WHERE cluster = $1")
                .execute(Tuple.of(cluster))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    Row row = it.next();
                    return Optional.of(ClusterObservation.restored(
                            new JsonObject(row.getString(0)), new JsonObject(row.getString(1)), row.getLong(2)));
                });
    }

    /**
     * Stores {@code nodes} and {@code tasks} as {@code cluster}'s observation, in the caller's
     * transaction, if the stored one is still version {@code expected} (0: none stored yet).
     * @return whether it was stored; false when another replica stored a newer one meanwhile
     */
    public Uni<Boolean> save(SqlConnection tx, String cluster, long expected, String nodes, String tasks) {
        if (expected == 0) {
            return tx.preparedQuery("INSERT INTO pve_poller_observations (cluster, nodes, tasks, version) "
                            + "VALUES ($1, $2::text::jsonb, $3::text::jsonb, 1) ON CONFLICT (cluster) DO NOTHING")
                    .execute(Tuple.of(cluster, nodes, tasks))
                    .map(rows -> rows.rowCount() == 1);
        }
        return tx.preparedQuery("UPDATE pve_poller_observations SET nodes = $2::text::jsonb, tasks = $3::text::jsonb, "
                        + "observed_at = now(), version = version + 1 WHERE cluster = $1 AND version = $4")
                .execute(Tuple.of(cluster, nodes, tasks, expected))
                .map(rows -> rows.rowCount() == 1);
    }
}
