package dev.opsuite.common.persistence;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
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
 * The reactive PostgreSQL pool for blocking code: engines that run on virtual threads (processes,
 * sshj sessions, deployment runners) wait here for their statements instead of composing {@code Uni}s.
 * It is the same pool and client as the reactive paths, so a state change and its outbox row
 * ({@code Outbox.enqueue(SqlClient, …)}) share one transaction in {@link #tx}.
 *
 * <p>Call it from a virtual thread (or another thread that may block, such as a test or a startup
 * observer), never from a Vert.x event loop: it refuses, because waiting there would stall every
 * request on that loop. Reactive code uses the {@link Pool} directly; Panache repositories are reached
 * from blocking code through {@code VertxContextSupport.subscribeAndAwait} (see package-info).
 */
@ApplicationScoped
public class BlockingSql {
    /** Longest wait for one statement (or a commit); a database that does not answer fails the caller. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;

    public BlockingSql(Pool pool) {
        this.pool = pool;
    }

    /** The underlying pool, for statements outside a transaction that are passed a {@link SqlClient}. */
    public Pool pool() {
        return pool;
    }

    public List<Row> query(String sql, Object... args) {
        return query(pool, sql, args);
    }

    /** @return the number of rows the statement changed */
    public int update(String sql, Object... args) {
        return update(pool, sql, args);
    }

    /** @param client the pool, or the connection of a {@link #tx} */
    public static List<Row> query(SqlClient client, String sql, Object... args) {
        RowSet<Row> rows = await(client.preparedQuery(sql).execute(tuple(args)));
        List<Row> list = new ArrayList<>(rows.size());
        rows.forEach(list::add);
        return list;
    }

    public static int update(SqlClient client, String sql, Object... args) {
        return await(client.preparedQuery(sql).execute(tuple(args))).rowCount();
    }

    /** Waits for a reactive step (e.g. an outbox enqueue on the transaction's connection). */
    public static <T> T await(Uni<T> uni) {
        requireBlockingThread();
        return uni.await().atMost(TIMEOUT);
    }

    /**
     * Runs {@code work} in one transaction on one connection: committed when it returns, rolled back
     * when it throws (the exception propagates unchanged).
     */
    public <T> T tx(Function<SqlConnection, T> work) {
        SqlConnection conn = await(pool.getConnection());
        try {
            Transaction tx = await(conn.begin());
            T result;
            try {
                result = work.apply(conn);
            } catch (RuntimeException | Error e) {
                try {
                    await(tx.rollback());
                } catch (RuntimeException ignored) {
                    // the connection is closed below; the original failure is what matters
                }
                throw e;
            }
            await(tx.commit());
            return result;
        } finally {
            await(conn.close());
        }
    }

    /** Refuses event-loop threads, where waiting would block every request the loop serves. */
    public static void requireBlockingThread() {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("blocking database access on a Vert.x event loop ("
                    + Thread.currentThread().getName()
                    + "): use the reactive client there, or run the caller on a virtual thread (@RunOnVirtualThread)");
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
