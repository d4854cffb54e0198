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
import org.jboss.logging.Logger;

/**
 * The {@code idempotency_keys} table (reactive PG client), shared by the reactive
 * {@link IdempotencyService} and the blocking {@link BlockingIdempotency}: both run the same steps in
 * the same order (release a stale claim, claim, run, store or release), only the waiting differs.
 */
@ApplicationScoped
class IdempotencyKeys {
    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);
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

    IdempotencyKeys(Instance<Pool> pool, IdempotencyConfig config, ObjectMapper mapper) {
        this.pool = pool;
        this.config = config;
        this.mapper = mapper;
        this.canonical = JsonMapper.builder()
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .build();
    }

    Duration defaultTtl() {
        return config.ttl();
    }

    /** Hash of a request object's canonical JSON (sorted keys), for typed request bodies. */
    String hashOf(Object request) {
        try {
            return Idempotency.hash(canonical.writeValueAsBytes(request));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request not serialisable", e);
        }
    }

    /** Forgets an expired key, or a claim whose request died (crashed instance) long ago. */
    Uni<Void> releaseStale(String scope, String key) {
        return pool.get()
                .preparedQuery(
                        "DELETE FROM idempotency_keys WHERE scope = $1 AND idem_key = $2 AND "
                                + "(expires_at < now() OR (state = 'in_flight' AND created_at < now() - $3::bigint * interval '1 millisecond'))")
                .execute(Tuple.of(scope, key, config.inFlightTimeout().toMillis()))
                .replaceWithVoid();
    }

    /** @return true when this request now owns the key (in_flight) */
    Uni<Boolean> claim(String scope, String key, String hash, Duration ttl) {
        return pool.get()
                .preparedQuery("INSERT INTO idempotency_keys (scope, idem_key, request_hash, state, expires_at) "
                        + "VALUES ($1, $2, $3, 'in_flight', now() + $4::bigint * interval '1 millisecond') "
                        + "ON CONFLICT (scope, idem_key) DO NOTHING")
                .execute(Tuple.of(scope, key, hash, ttl.toMillis()))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Remembers the response of the claimed key for replay. */
    Uni<Void> complete(String scope, String key, Response response) {
        StoredResponse stored = capture(response);
        return pool.get()
                .preparedQuery("UPDATE idempotency_keys SET state = 'completed', response_status = $3, "
                        + "response_headers = $4::text::jsonb, response_body = $5 WHERE scope = $1 AND idem_key = $2")
                .execute(Tuple.of(
                        scope,
                        key,
                        stored.status(),
                        json(stored.headers()),
                        io.vertx.core.buffer.Buffer.buffer(stored.body())))
                .replaceWithVoid();
    }

    /** Gives up the claim (the request failed), so the client may retry; never fails. */
    Uni<Void> release(String scope, String key) {
        return pool.get()
                .preparedQuery(
                        "DELETE FROM idempotency_keys WHERE scope = $1 AND idem_key = $2 AND state = 'in_flight'")
                .execute(Tuple.of(scope, key))
                .onFailure()
                .invoke(e -> LOG.warnf(e, "could not release idempotency key in scope %s", scope))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** The stored response of a key someone else claimed, or the 409/422 that explains why there is none. */
    Uni<Response> existing(String scope, String key, String hash) {
        return pool.get()
                .preparedQuery("SELECT request_hash, state, response_status, response_headers::text AS headers, "
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

    /** Expired keys are also ignored on lookup; this only keeps the table small. Never waits. */
    void purgeOccasionally() {
        long now = System.currentTimeMillis();
        long last = lastPurge.get();
        if (now - last < PURGE_EVERY_MILLIS || !lastPurge.compareAndSet(last, now)) {
            return;
        }
        pool.get()
                .query("DELETE FROM idempotency_keys WHERE expires_at < now()")
                .execute()
                .subscribe()
                .with(
                        rows -> LOG.debugf("purged %d expired idempotency keys", rows.rowCount()),
                        e -> LOG.warnf("idempotency purge failed: %s", e.getMessage()));
    }
}
