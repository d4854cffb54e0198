package dev.opsuite.common.idempotency;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Idempotency-Key handling for reactive endpoints (the action returns a {@code Uni}; nothing waits):
 * <ul>
 * <li>first request with a key: claims it (in_flight), runs the action, stores the response (< 500)</li>
 * <li>same key + same body hash, completed: the stored response, with {@code Idempotent-Replayed: true}</li>
 * <li>same key + different body hash: 422 idempotency_key_reused</li>
 * <li>same key while the first is still running: 409 idempotency_in_flight</li>
 * </ul>
 * A failed action (exception or 5xx) releases the key so the client may retry. Keys expire after
 * {@code opsuite.idempotency.ttl}. Endpoints on virtual threads use {@link BlockingIdempotency}, which
 * keeps the same rules without a reactive pipeline around their blocking work.
 */
@ApplicationScoped
public class IdempotencyService {
    private final IdempotencyKeys keys;

    IdempotencyService(IdempotencyKeys keys) {
        this.keys = keys;
    }

    /** Hash of a request object's canonical JSON (sorted keys), for typed request bodies. */
    public String hashOf(Object request) {
        return keys.hashOf(request);
    }

    public Uni<Response> execute(String scope, String key, String requestHash, Supplier<Uni<Response>> action) {
        return execute(scope, key, requestHash, keys.defaultTtl(), action);
    }

    /** @param key the client's Idempotency-Key, or null to just run the action */
    public Uni<Response> execute(
            String scope, String key, String requestHash, Duration ttl, Supplier<Uni<Response>> action) {
        if (key == null) {
            return action.get();
        }
        Idempotency.validateKey(key);
        keys.purgeOccasionally();
        return keys.releaseStale(scope, key)
                .chain(() -> keys.claim(scope, key, requestHash, ttl))
                .chain(claimed -> claimed ? runAndStore(scope, key, action) : keys.existing(scope, key, requestHash));
    }

    private Uni<Response> runAndStore(String scope, String key, Supplier<Uni<Response>> action) {
        Uni<Response> run;
        try {
            run = action.get();
        } catch (RuntimeException e) {
            run = Uni.createFrom().failure(e);
        }
        return run.onItemOrFailure().transformToUni((response, failure) -> {
            if (failure != null) {
                return keys.release(scope, key).chain(() -> Uni.createFrom().<Response>failure(failure));
            }
            if (response.getStatus() >= 500) {
                return keys.release(scope, key).replaceWith(response);
            }
            return keys.complete(scope, key, response).replaceWith(response);
        });
    }
}
