package dev.opsuite.common.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.opsuite.common.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Idempotency-Key handling on the {@code idempotency_keys} table (reactive PG client):
 * <ul>
 * <li>first request with a key: claims it (in_flight), runs the action, stores the response (< 500)</li>
 * <li>same key + same body hash, completed: the stored response, with {@code Idempotent-Replayed: true}</li>
 * <li>same key + different body hash: 422 idempotency_key_reused</li>
 * <li>same key while the first is still running: 409 idempotency_in_flight</li>
 * </ul>
 * A failed action (exception or 5xx) releases the key so the client may retry. Keys expire after
 * {@code opsuite.idempotency.ttl}.
 */
@ApplicationScoped
public class IdempotencyService {
    private static final Logger LOG = Logger.getLogger(IdempotencyService.class);
    private static final Set<String> NOT_STORED = Set.of(
            "x-request-id",
            "date",
            "content-length",
            "transfer-encoding",
            "connection",
            Idempotency.REPLAYED_HEADER.toLowerCase());
    private static final long PURGE_EVERY_MILLIS = 600_000;

    private final Instance<Pool> pool;
    private final IdempotencyConfig config;
    private final ObjectMapper mapper;
    private final ObjectMapper canonical;
    private final AtomicLong lastPurge = new AtomicLong();

    public IdempotencyService(Instance<Pool> pool, IdempotencyConfig config, ObjectMapper mapper) {
        this.pool = pool;
        this.config = config;
        this.mapper = mapper;
        this.canonical = JsonMapper.builder()
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .build();
    }

    /** Hash of a request object's canonical JSON (sorted keys), for typed request bodies. */
    public String hashOf(Object request) {
        try {
            return Idempotency.hash(canonical.writeValueAsBytes(request));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request not serialisable", e);
        }
    }

    public Uni<Response> execute(String scope, String key, String requestHash, Supplier<Uni<Response>> action) {
        return execute(scope, key, requestHash, config.ttl(), action);
    }

    /** @param key the client's Idempotency-Key, or null to just run the action */
    public Uni<Response> execute(
            String scope, String key, String requestHash, Duration ttl, Supplier<Uni<Response>> action) {
        if (key == null) {
            return action.get();
        }
        Idempotency.validateKey(key);
        Pool db = pool.get();
        purgeOccasionally(db);
        return releaseStale(db, scope, key)
                .chain(() -> claim(db, scope, key, requestHash, ttl))
                .chain(claimed ->
                        claimed ? runAndStore(db, scope, key, action) : existing(db, scope, key, requestHash));
    }

    private Uni<Void> releaseStale(Pool db, String scope, String key) {
        return db.preparedQuery(
                        "DELETE FROM idempotency_keys WHERE scope = $1 AND idem_key = $2 AND "
                                + "(expires_at < now() OR (state = 'in_flight' AND created_at < now() - $3::bigint * interval '1 millisecond'))")
                .execute(Tuple.of(scope, key, config.inFlightTimeout().toMillis()))
                .replaceWithVoid();
    }

    private Uni<Boolean> claim(Pool db, String scope, String key, String hash, Duration ttl) {
        return db.preparedQuery("INSERT INTO idempotency_keys (scope, idem_key, request_hash, state, expires_at) "
                        + "VALUES ($1, $2, $3, 'in_flight', now() + $4::bigint * interval '1 millisecond') "
                        + "ON CONFLICT (scope, idem_key) DO NOTHING")
                .execute(Tuple.of(scope, key, hash, ttl.toMillis()))
                .map(rows -> rows.rowCount() == 1);
    }

    private Uni<Response> runAndStore(Pool db, String scope, String key, Supplier<Uni<Response>> action) {
        Uni<Response> run;
        try {
            run = action.get();
        } catch (RuntimeException e) {
            run = Uni.createFrom().failure(e);
        }
        return run.onItemOrFailure().transformToUni((response, failure) -> {
            if (failure != null) {
                return release(db, scope, key).chain(() -> Uni.createFrom().<Response>failure(failure));
            }
            if (response.getStatus() >= 500) {
                return release(db, scope, key).replaceWith(response);
            }
            StoredResponse stored = capture(response);
            return db.preparedQuery(
                            "UPDATE idempotency_keys SET state = 'completed', response_status = $3, "
                                    + "response_headers = $4::text::jsonb, response_body = $5 WHERE scope = $1 AND idem_key = $2")
                    .execute(Tuple.of(
                            scope,
                            key,
                            stored.status(),
                            json(stored.headers()),
                            io.vertx.core.buffer.Buffer.buffer(stored.body())))
                    .replaceWith(response);
        });
    }

    private Uni<Void> release(Pool db, String scope, String key) {
        return db.preparedQuery(
                        "DELETE FROM idempotency_keys WHERE scope = $1 AND idem_key = $2 AND state = 'in_flight'")
                .execute(Tuple.of(scope, key))
                .onFailure()
                .invoke(e -> LOG.warnf(e, "could not release idempotency key in scope %s", scope))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Response> existing(Pool db, String scope, String key, String hash) {
        return db.preparedQuery("SELECT request_hash, state, response_status, response_headers::text AS headers, "
                        + "response_body FROM idempotency_keys WHERE scope = $1 AND idem_key = $2")
                .execute(Tuple.of(scope, key))
                .map(rows -> toReplay(rows, hash));
    }

    private Response toReplay(RowSet<Row> rows, String hash) {
        if (!rows.iterator().hasNext()) {
            // released between our claim attempt and this read: the other request failed; let the client retry
            throw ApiException.conflict(
                    "idempotency_in_flight", "A request with this Idempotency-Key is being processed; retry shortly");
        }
        Row row = rows.iterator().next();
        if (!hash.equals(row.getString("request_hash"))) {
            throw ApiException.unprocessable(
                    "idempotency_key_reused", "This Idempotency-Key was already used with a different request body");
        }
        if ("in_flight".equals(row.getString("state"))) {
            throw ApiException.conflict(
                            "idempotency_in_flight",
                            "A request with this Idempotency-Key is being processed; retry shortly")
                    .withHeader("Retry-After", "1");
        }
        Buffer body = row.getBuffer("response_body");
        return new StoredResponse(
                        row.getInteger("response_status"),
                        parseHeaders(row.getString("headers")),
                        body == null ? new byte[0] : body.getBytes())
                .toReplay();
    }

    private StoredResponse capture(Response response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        MultivaluedMap<String, String> source = response.getStringHeaders();
        source.forEach((name, values) -> {
            if (!NOT_STORED.contains(name.toLowerCase())) {
                headers.put(name, List.copyOf(values));
            }
        });
        Object entity = response.getEntity();
        byte[] body;
        if (entity == null) {
            body = new byte[0];
        } else if (entity instanceof byte[] bytes) {
            body = bytes;
        } else if (entity instanceof String s) {
            body = s.getBytes(StandardCharsets.UTF_8);
        } else {
            try {
                body = mapper.writeValueAsBytes(entity);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("response entity not serialisable for idempotent replay", e);
            }
            headers.putIfAbsent("Content-Type", List.of("application/json"));
        }
        if (response.getMediaType() != null) {
            headers.put("Content-Type", List.of(response.getMediaType().toString()));
        }
        return new StoredResponse(response.getStatus(), headers, body);
    }

    private String json(Map<String, List<String>> headers) {
        try {
            return mapper.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, List<String>> parseHeaders(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return mapper.readValue(json, new TypeReference<Map<String, List<String>>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Expired keys are also ignored on lookup; this only keeps the table small. */
    private void purgeOccasionally(Pool db) {
        long now = System.currentTimeMillis();
        long last = lastPurge.get();
        if (now - last < PURGE_EVERY_MILLIS || !lastPurge.compareAndSet(last, now)) {
            return;
        }
        db.query("DELETE FROM idempotency_keys WHERE expires_at < now()")
                .execute()
                .subscribe()
                .with(
                        rows -> LOG.debugf("purged %d expired idempotency keys", rows.rowCount()),
                        e -> LOG.warnf("idempotency purge failed: %s", e.getMessage()));
    }
}
