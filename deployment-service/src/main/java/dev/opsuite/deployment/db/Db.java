package dev.opsuite.deployment.db;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Blocking access to the reactive pool for code that runs on worker or virtual threads (REST methods,
 * deployment runners). It uses the reactive client because the outbox enqueues through it, so a state
 * change and its event share one transaction.
 */
@ApplicationScoped
public class Db {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;

    public Db(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    public List<Row> query(String sql, Object... args) {
        return query(pool, sql, args);
    }

    public int update(String sql, Object... args) {
        return update(pool, sql, args);
    }

    public static List<Row> query(SqlClient client, String sql, Object... args) {
        RowSet<Row> rows =
                client.preparedQuery(sql).execute(tuple(args)).await().atMost(TIMEOUT);
        List<Row> list = new ArrayList<>(rows.size());
        rows.forEach(list::add);
        return list;
    }

    public static int update(SqlClient client, String sql, Object... args) {
        return client.preparedQuery(sql)
                .execute(tuple(args))
                .await()
                .atMost(TIMEOUT)
                .rowCount();
    }

    public static void await(Uni<?> uni) {
        uni.await().atMost(TIMEOUT);
    }

    /** Runs the work in one transaction; any exception rolls back and propagates. */
    public <T> T tx(Function<SqlConnection, T> work) {
        SqlConnection conn = pool.getConnection().await().atMost(TIMEOUT);
        try {
            Transaction tx = conn.begin().await().atMost(TIMEOUT);
            T result;
            try {
                result = work.apply(conn);
            } catch (RuntimeException | Error e) {
                try {
                    tx.rollback().await().atMost(TIMEOUT);
                } catch (RuntimeException ignored) {
                    // the connection is closed below; the original failure matters
                }
                throw e;
            }
            tx.commit().await().atMost(TIMEOUT);
            return result;
        } finally {
            conn.close().await().atMost(TIMEOUT);
        }
    }

    private static Tuple tuple(Object... args) {
        Tuple t = Tuple.tuple();
        for (Object a : args) {
            t.addValue(a);
        }
        return t;
    }
}
