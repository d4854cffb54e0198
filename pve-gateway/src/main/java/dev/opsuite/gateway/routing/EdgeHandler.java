package dev.opsuite.gateway.routing;

import dev.opsuite.common.error.ApiError;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.error.ErrorCodes;
import dev.opsuite.common.request.RequestIds;
import dev.opsuite.gateway.auth.BearerAuthenticator;
import dev.opsuite.gateway.auth.Caller;
import dev.opsuite.gateway.auth.InternalTokens;
import dev.opsuite.gateway.ratelimit.EdgeRateLimits;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.proxy.handler.ProxyHandler;
import io.vertx.httpproxy.HttpProxy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The edge: for a path owned by an upstream, authenticate the bearer credential (if any), apply
 * the route's rate limit and the upstream's circuit, then stream the exchange to the upstream.
 * Paths no route owns fall through to the gateway's own endpoints.
 */
@ApplicationScoped
public class EdgeHandler {
    private static final Logger LOG = Logger.getLogger(EdgeHandler.class);

    /**
     * Right after the request id, the request guard and CORS (Quarkus filters run at minus their
     * priority), before Quarkus' authentication, its REST observability and the endpoints: a
     * proxied request pays only for what forwarding needs, and the edge authenticates, limits and
     * times it itself.
     */
    public static final int ORDER = -SecurityHandlerPriorities.CORS + 1;

    private final RouteTable table;
    private final Vertx vertx;
    private final UpstreamClient client;
    private final BearerAuthenticator authenticator;
    private final InternalTokens internalTokens;
    private final EdgeRateLimits rateLimits;
    private final OriginRotation rotation;
    private final ClientAddress addresses;
    private final EdgeErrors errors;

    public EdgeHandler(
            RoutingConfig config,
            Vertx vertx,
            UpstreamClient client,
            BearerAuthenticator authenticator,
            InternalTokens internalTokens,
            EdgeRateLimits rateLimits,
            OriginRotation rotation,
            ClientAddress addresses,
            EdgeErrors errors) {
        this.table = RouteTable.from(config.routes());
        this.vertx = vertx;
        this.client = client;
        this.authenticator = authenticator;
        this.internalTokens = internalTokens;
        this.rateLimits = rateLimits;
        this.rotation = rotation;
        this.addresses = addresses;
        this.errors = errors;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::handle);
        table.routes()
                .forEach(r -> LOG.infof(
                        "route %s %s -> %s (timeout %s, %s)",
                        r.name(),
                        r.prefixes(),
                        r.origins().size() > 1 ? r.originKeys() + " " + r.balance() : r.originKeys(),
                        r.timeout(),
                        r.rateLimited() ? r.perSecond() + "/s burst " + r.burst() : "no rate limit"));
    }

    public RouteTable table() {
        return table;
    }

    void handle(RoutingContext rc) {
        Optional<UpstreamRoute> match = table.match(rc.normalizedPath());
        if (match.isEmpty()) {
            rc.next();
            return;
        }
        UpstreamRoute route = match.get();
        HttpServerRequest request = rc.request();
        // nothing of the body may be read (and lost) while we authenticate asynchronously
        request.pause();
        rc.put(AccessLogKeys.ROUTE, route.name());
        String requestId =
                RequestIds.current().orElseGet(() -> RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER)));
        String authorization = request.getHeader("Authorization");
        if (BearerAuthenticator.bearerCredential(authorization).isEmpty()) {
            // nothing to verify (anonymous, or a scheme the upstream handles): admit on this thread
            // right away instead of paying for a reactive pipeline and its context capture
            admit(rc, route, null, requestId);
            return;
        }
        Context context = Vertx.currentContext();
        authenticator
                .authenticate(authorization)
                .subscribe()
                .with(
                        caller -> onContext(context, () -> admit(rc, route, caller.orElse(null), requestId)),
                        failure -> onContext(context, () -> refuse(rc, failure, requestId)));
    }

    private void refuse(RoutingContext rc, Throwable failure, String requestId) {
        if (failure instanceof AuthenticationFailedException) {
            LOG.debugf("bearer credential refused on %s: %s", rc.normalizedPath(), failure.getMessage());
            errors.send(
                    rc,
                    ApiError.of(401, ErrorCodes.AUTHENTICATION_FAILED, "Invalid or expired credentials")
                            .withHeader("WWW-Authenticate", "Bearer realm=\"opsuite\", error=\"invalid_token\""),
                    requestId);
        } else {
            LOG.errorf(failure, "authentication backend failed on %s", rc.normalizedPath());
            errors.send(
                    rc,
                    ApiError.of(503, ErrorCodes.SERVICE_UNAVAILABLE, "Authentication is temporarily unavailable"),
                    requestId);
        }
    }

    private void admit(RoutingContext rc, UpstreamRoute route, Caller caller, String requestId) {
        HttpServerRequest request = rc.request();
        if (caller != null) {
            rc.put(Caller.ATTRIBUTE, caller);
        }
        if (route.rateLimited()) {
            String client = caller == null
                    ? "ip:" + addresses.clientIp(request)
                    : caller.isSession() ? "user:" + caller.username() : "token:" + caller.apiTokenId();
            Duration wait = rateLimits.acquire(route.name(), client, route.perSecond(), route.burst());
            if (!wait.isZero()) {
                errors.send(
                        rc,
                        ApiException.tooManyRequests(wait, "Rate limit of route '" + route.name() + "' exceeded")
                                .toError(requestId),
                        requestId);
                return;
            }
        }
        long declared = contentLength(request);
        if (declared > route.maxBodyBytes()) {
            // refused before any byte goes upstream, and not the upstream's failure
            errors.send(
                    rc,
                    ApiError.of(
                                    413,
                                    ErrorCodes.PAYLOAD_TOO_LARGE,
                                    "The request body is larger than " + route.maxBodyBytes() + " bytes")
                            .withHeader("Connection", "close"),
                    requestId);
            return;
        }
        OriginAttempts attempts = rotation.attemptsFor(route);
        if (!attempts.advance()) {
            long seconds = Math.max(1, (attempts.retryAfter().toMillis() + 999) / 1000);
            errors.send(
                    rc,
                    ApiError.of(
                                    503,
                                    ErrorCodes.SERVICE_UNAVAILABLE,
                                    "Upstream service '" + route.name() + "' is failing; requests are paused")
                            .withHeader("Retry-After", Long.toString(seconds)),
                    requestId);
            return;
        }
        // counted in flight until the exchange is over, however it ends (least-outstanding reads it)
        rc.addEndHandler(ended -> attempts.release());
        String peer = addresses.peerIp(request);
        Optional<String> authorization = caller == null || caller.isSession()
                ? Optional.empty()
                : Optional.of("Bearer " + internalTokens.forApiToken(caller));
        Forwarding forwarding = new Forwarding(
                requestId,
                peer,
                addresses.isTrusted(peer),
                request.scheme(),
                request.getHeader("Host"),
                TraceParent.forUpstream(request.getHeader("traceparent")),
                authorization);

        TimedOrigin origin = new TimedOrigin(vertx, route, attempts);
        HttpProxy proxy = HttpProxy.reverseProxy(client.forCurrentEventLoop());
        if (isWebSocketUpgrade(request)) {
            // the proxy tunnels upgrades without interceptors: shape the headers on the request itself
            UpstreamHeaders.apply(request.headers(), forwarding, true);
            proxy.origin(ctx -> origin.connect(ctx.client(), () -> true)
                    .onSuccess(r -> attempts.breaker().onSuccess())
                    .onFailure(e -> attempts.breaker().onFailure()));
        } else {
            if ("100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
                request.response().writeContinue();
            }
            proxy.origin(origin).addInterceptor(new UpstreamInterceptor(route, forwarding, attempts, errors));
        }
        ProxyHandler.create(proxy).handle(rc);
    }

    private static long contentLength(HttpServerRequest request) {
        String value = request.getHeader("Content-Length");
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1; // the HTTP codec refuses a malformed Content-Length before we get here
        }
    }

    static boolean isWebSocketUpgrade(HttpServerRequest request) {
        if (request.method() != HttpMethod.GET) {
            return false;
        }
        String upgrade = request.getHeader("Upgrade");
        String connection = request.getHeader("Connection");
        return upgrade != null
                && upgrade.equalsIgnoreCase("websocket")
                && connection != null
                && connection.toLowerCase(Locale.ROOT).contains("upgrade");
    }

    private static void onContext(Context context, Runnable action) {
        if (context == null || Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }
}
