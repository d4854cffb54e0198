package dev.opsuite.gateway.identity;

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
import java.util.function.Function;

/**
 * SQL for {@code users}. Plain reactive client rather than Hibernate: the same rows are read on the
 * hot path of every authenticated request, outside any ORM session.
 */
@ApplicationScoped
public class UserRepository {

    private final Pool pool;

    public UserRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<User>> findByUsername(String username) {
        return one(
                pool, "SELECT " + User.COLUMNS + " FROM users WHERE lower(username) = lower($1)", Tuple.of(username));
    }

    public Uni<Optional<User>> findById(long id) {
        return one(pool, "SELECT " + User.COLUMNS + " FROM users WHERE id = $1", Tuple.of(id));
    }

    public Uni<Optional<User>> findByIdIn(SqlClient tx, long id) {
        return one(tx, "SELECT " + User.COLUMNS + " FROM users WHERE id = $1 FOR UPDATE", Tuple.of(id));
    }

    public Uni<List<User>> list(int offset, int limit) {
        return pool.preparedQuery("SELECT " + User.COLUMNS + " FROM users ORDER BY id LIMIT $1 OFFSET $2")
                .execute(Tuple.of(limit, offset))
                .map(rows -> all(rows, User::from));
    }

    public Uni<Long> count() {
        return pool.query("SELECT count(*) FROM users")
                .execute()
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Empty when the username is taken. */
    public Uni<Optional<User>> insert(String username, String passwordHash, String role, boolean enabled) {
        return one(
                pool,
                "INSERT INTO users (username, password_hash, role, enabled) VALUES ($1, $2, $3, $4) "
                        + "ON CONFLICT DO NOTHING RETURNING " + User.COLUMNS,
                Tuple.of(username, passwordHash, role, enabled));
    }

    /**
     * Updates role and enabled flag inside {@code tx}; tokens issued before now stop working when
     * either changes.
     */
    public Uni<Optional<User>> update(SqlClient tx, long id, String role, boolean enabled) {
        // explicit casts: $2 and $3 are used in two places, where PostgreSQL would deduce different types
        return one(
                tx,
                "UPDATE users SET role = $2::varchar, enabled = $3::boolean, updated_at = now(), "
                        + "token_version = CASE WHEN role <> $2::varchar OR enabled <> $3::boolean THEN token_version + 1 ELSE token_version END "
                        + "WHERE id = $1 RETURNING " + User.COLUMNS,
                Tuple.of(id, role, enabled));
    }

    /** Sets the password hash inside {@code tx}; tokens issued before stop working. */
    public Uni<Optional<User>> updatePassword(SqlClient tx, long id, String passwordHash) {
        return one(
                tx,
                "UPDATE users SET password_hash = $2, updated_at = now(), token_version = token_version + 1 "
                        + "WHERE id = $1 RETURNING " + User.COLUMNS,
                Tuple.of(id, passwordHash));
    }

    /** Deletes inside {@code tx}; the deleted row, if there was one. */
    public Uni<Optional<User>> delete(SqlClient tx, long id) {
        return one(tx, "DELETE FROM users WHERE id = $1 RETURNING " + User.COLUMNS, Tuple.of(id));
    }

    /**
     * Locks every enabled admin row and counts them, inside {@code tx}: two concurrent demotions of
     * the last two admins then serialize instead of both succeeding.
     */
    public Uni<List<Long>> lockEnabledAdmins(SqlClient tx) {
        return tx.query("SELECT id FROM users WHERE role = 'admin' AND enabled ORDER BY id FOR UPDATE")
                .execute()
                .map(rows -> all(rows, r -> r.getLong("id")));
    }

    public Uni<Boolean> anyUser() {
        return pool.query("SELECT EXISTS (SELECT 1 FROM users)")
                .execute()
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    public <T> Uni<T> inTransaction(Function<SqlClient, Uni<T>> work) {
        return pool.withTransaction(work::apply);
    }

    private static Uni<Optional<User>> one(SqlClient client, String sql, Tuple args) {
        return client.preparedQuery(sql).execute(args).map(UserRepository::first);
    }

    /** The Mutiny RowSet's stream() hands out unwrapped rows; its iterator wraps them properly. */
    static <T> List<T> all(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> list = new ArrayList<>(rows.size());
        for (Row row : rows) {
            list.add(mapper.apply(row));
        }
        return list;
    }

    private static Optional<User> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(User.from(it.next())) : Optional.empty();
    }
}
