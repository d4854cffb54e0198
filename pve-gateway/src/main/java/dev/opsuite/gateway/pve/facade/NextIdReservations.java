package dev.opsuite.gateway.pve.facade;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * SQL for {@code pve_vmid_reservations}: an id handed out by the facade's /cluster/nextid stays
 * taken for a while, for every gateway replica, so parallel creators get different ids.
 */
@ApplicationScoped
public class NextIdReservations {

    private final Pool pool;

    public NextIdReservations(Pool pool) {
        this.pool = pool;
    }

    /** True when {@code vmid} was free (or its reservation had expired) and is now reserved. */
    public Uni<Boolean> reserve(long clusterId, int vmid, Duration ttl) {
        return pool.preparedQuery("INSERT INTO pve_vmid_reservations (cluster_id, vmid, expires_at) "
                        + "VALUES ($1, $2, now() + $3::bigint * interval '1 millisecond') "
                        + "ON CONFLICT (cluster_id, vmid) DO UPDATE SET expires_at = EXCLUDED.expires_at "
                        + "WHERE pve_vmid_reservations.expires_at < now() RETURNING vmid")
                .execute(Tuple.of(clusterId, vmid, ttl.toMillis()))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Boolean> isReserved(long clusterId, int vmid) {
        return pool.preparedQuery(
                        "SELECT 1 FROM pve_vmid_reservations WHERE cluster_id = $1 AND vmid = $2 AND expires_at >= now()")
                .execute(Tuple.of(clusterId, vmid))
                .map(rows -> rows.rowCount() > 0);
    }
}
