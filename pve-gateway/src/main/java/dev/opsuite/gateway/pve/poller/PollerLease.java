package dev.opsuite.gateway.pve.poller;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * SQL for {@code pve_poller_lease}: a named lease one holder has until it expires. The holder
 * renews it every tick; another replica takes it over once the holder stopped renewing (died,
 * hung, lost its database) for the lease's lifetime.
 */
@ApplicationScoped
public class PollerLease {

    private final Pool pool;

    public PollerLease(Pool pool) {
        this.pool = pool;
    }

    /** Takes or renews the lease; true when {@code holder} has it now. */
    public Uni<Boolean> acquire(String name, String holder, Duration ttl) {
        return pool.preparedQuery("INSERT INTO pve_poller_lease (name, holder, expires_at) "
                        + "VALUES ($1, $2, now() + $3::bigint * interval '1 millisecond') "
                        + "ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at "
                        + "WHERE pve_poller_lease.holder = EXCLUDED.holder OR pve_poller_lease.expires_at < now() "
                        + "RETURNING holder")
                .execute(Tuple.of(name, holder, ttl.toMillis()))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Whether {@code holder} still has the lease, inside the caller's transaction; the lease row stays
     * share-locked until it ends, so no other replica can take the lease over before this one's
     * writes are committed.
     */
    public Uni<Boolean> holds(SqlConnection tx, String name, String holder) {
        return tx.preparedQuery("SELECT 1 FROM pve_poller_lease WHERE name = $1 AND holder = $2 AND expires_at > now() "
                        + "FOR SHARE")
                .execute(Tuple.of(name, holder))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Gives the lease up (clean shutdown), so another replica need not wait for it to expire. */
    public Uni<Void> release(String name, String holder) {
        return pool.preparedQuery("DELETE FROM pve_poller_lease WHERE name = $1 AND holder = $2")
                .execute(Tuple.of(name, holder))
                .replaceWithVoid();
    }
}
