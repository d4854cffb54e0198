package dev.opsuite.gateway.routing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Makes the proxy's "client went away, reset the upstream request" safe for pooled connections.
 *
 * <p>vertx-http-proxy resets the upstream request when the client's connection fails (response
 * exception handler, or a failed write while piping the body). Vert.x closes the upstream
 * <em>connection</em> on any reset of a request that was sent, even when its response has already
 * been read completely and the connection is back in the pool, serving another request: that
 * unrelated request then fails with "Connection was closed" (502, counted by the circuit breaker).
 * Every client that disconnects with an answer in flight (a load generator stopping, a browser
 * navigating away) could fail someone else's request.
 *
 * <p>This wrapper forwards everything to the real request except a reset after the response head
 * arrived: then the rest of the response is drained and discarded, and only if it has not ended
 * within {@link #DRAIN_GRACE_MS} (a long or endless stream) is the request reset, which closes the
 * connection it still owns.
 */
final class AbortSafeRequest {

    static final long DRAIN_GRACE_MS = 200;

    /** The proxy class, looked up once: {@code Proxy.newProxyInstance} resolves it through a class-loader cache per call. */
    private static final Constructor<?> PROXY;

    static {
        try {
            PROXY = proxyClass().getConstructor(InvocationHandler.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("deprecation") // exactly what is needed here: the class, to keep its constructor
    private static Class<?> proxyClass() {
        return Proxy.getProxyClass(HttpClientRequest.class.getClassLoader(), HttpClientRequest.class);
    }

    private AbortSafeRequest() {}

    static HttpClientRequest wrap(Vertx vertx, HttpClientRequest request) {
        State state = new State();
        // registered before the proxy's own listener, so the end is tracked from the first byte on
        request.response().onSuccess(response -> {
            state.response = response;
            response.end().onComplete(v -> state.ended = true);
        });
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("reset")) {
                return reset(vertx, request, state, args);
            }
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "AbortSafeRequest[" + request + "]";
                };
            }
            return invoke(method, request, args);
        };
        try {
            return (HttpClientRequest) PROXY.newInstance(handler);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean reset(Vertx vertx, HttpClientRequest request, State state, Object[] args) {
        long code = args != null && args.length > 0 ? (Long) args[0] : 0L;
        Throwable cause = args != null && args.length > 1 ? (Throwable) args[1] : null;
        HttpClientResponse response = state.response;
        if (response == null) {
            // still waiting for the upstream: abandoning the request is the only way out
            return request.reset(code, cause);
        }
        if (state.ended || state.draining) {
            return false;
        }
        state.draining = true;
        response.exceptionHandler(e -> {});
        response.handler(chunk -> {});
        response.resume();
        vertx.setTimer(DRAIN_GRACE_MS, id -> {
            if (!state.ended) {
                request.reset(code, cause);
            }
        });
        return true;
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Touched on the request's event loop only. */
    private static final class State {
        HttpClientResponse response;
        boolean ended;
        boolean draining;
    }
}
