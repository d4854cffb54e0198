package dev.opsuite.common.idempotency;

import dev.opsuite.common.persistence.BlockingSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Idempotency-Key handling for endpoints that run on a virtual thread ({@code @RunOnVirtualThread}):
 * the same rules and table as {@link IdempotencyService} (replay, 422 on a reused key, 409 while in
 * flight, the key released when the action fails or answers 5xx), but the action is plain blocking
 * code that runs on the caller's thread, and each bookkeeping statement is waited for in between.
 * Nothing hops to another thread, so the request has one thread model from start to end.
 */
@ApplicationScoped
public class BlockingIdempotency {
    private final IdempotencyKeys keys;

    BlockingIdempotency(IdempotencyKeys keys) {
        this.keys = keys;
    }

    /** Hash of a request object's canonical JSON (sorted keys), for typed request bodies. */
    public String hashOf(Object request) {
        return keys.hashOf(request);
    }

    public Response execute(String scope, String key, String requestHash, Supplier<Response> action) {
        return execute(scope, key, requestHash, keys.defaultTtl(), action);
    }

    /** @param key the client's Idempotency-Key, or null to just run the action */
    public Response execute(String scope, String key, String requestHash, Duration ttl, Supplier<Response> action) {
        if (key == null) {
            return action.get();
        }
        Idempotency.validateKey(key);
        BlockingSql.requireBlockingThread();
        keys.purgeOccasionally();
        BlockingSql.await(keys.releaseStale(scope, key));
        if (!BlockingSql.await(keys.claim(scope, key, requestHash, ttl))) {
            return BlockingSql.await(keys.existing(scope, key, requestHash));
        }
        Response response;
        try {
            response = action.get();
        } catch (RuntimeException | Error e) {
            BlockingSql.await(keys.release(scope, key));
            throw e;
        }
        if (response.getStatus() >= 500) {
            BlockingSql.await(keys.release(scope, key));
        } else {
            BlockingSql.await(keys.complete(scope, key, response));
        }
        return response;
    }
}
