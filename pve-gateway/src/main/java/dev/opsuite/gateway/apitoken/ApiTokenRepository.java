package dev.opsuite.gateway.apitoken;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for {@code api_tokens}. */
@ApplicationScoped
public class ApiTokenRepository {

    private final Pool pool;

    public ApiTokenRepository(Pool pool) {
        this.pool = pool;
    }

    /** Empty when the user already has a token of that name. */
    public Uni<Optional<ApiToken>> insert(
            long userId, String name, String role, String secretHash, OffsetDateTime expiresAt) {
        String sql = "WITH t AS (INSERT INTO api_tokens (user_id, name, role, secret_hash, expires_at) "
                + "VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING *) "
                + "SELECT " + ApiToken.COLUMNS + " FROM t JOIN users u ON u.id = t.user_id";
        return pool.preparedQuery(sql)
                .execute(Tuple.of(userId, name, role, secretHash, expiresAt))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(ApiToken.from(rows.iterator().next()))
                        : Optional.empty());
    }

    /** One user's tokens, or everyone's when {@code userId} is null. */
    public Uni<List<ApiToken>> list(Long userId) {
        String sql = "SELECT " + ApiToken.COLUMNS + " FROM api_tokens t JOIN users u ON u.id = t.user_id "
                + "WHERE $1::bigint IS NULL OR t.user_id = $1 ORDER BY t.id";
        return pool.preparedQuery(sql).execute(Tuple.of(userId)).map(rows -> {
            List<ApiToken> list = new ArrayList<>(rows.size());
            for (Row row : rows) { // not rows.stream(): it skips the Mutiny row wrapper
                list.add(ApiToken.from(row));
            }
            return list;
        });
    }

    public Uni<Optional<ApiToken>> findById(long id) {
        String sql =
                "SELECT " + ApiToken.COLUMNS + " FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = $1";
        return pool.preparedQuery(sql)
                .execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(ApiToken.from(rows.iterator().next()))
                        : Optional.empty());
    }

    public Uni<Boolean> delete(long id) {
        return pool.preparedQuery("DELETE FROM api_tokens WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<ApiTokenOwner>> findBySecretHash(String secretHash) {
        String sql =
                "SELECT t.id, t.name, t.role, t.expires_at, t.user_id, u.username, u.role AS user_role, u.enabled, "
                        + "u.token_version FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.secret_hash = $1";
        return pool.preparedQuery(sql)
                .execute(Tuple.of(secretHash))
                .map(rows -> rows.iterator().hasNext()
                        ? Optional.of(ApiTokenOwner.from(rows.iterator().next()))
                        : Optional.empty());
    }
}
