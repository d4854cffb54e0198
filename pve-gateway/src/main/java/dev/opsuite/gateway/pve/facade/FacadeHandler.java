package dev.opsuite.gateway.pve.facade;

import dev.opsuite.common.error.ApiError;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.error.ErrorCodes;
import dev.opsuite.common.idempotency.IdempotencyService;
import dev.opsuite.common.request.RequestIds;
import dev.opsuite.gateway.auth.Caller;
import dev.opsuite.gateway.pve.PveConfig;
import dev.opsuite.gateway.pve.cluster.ClusterRegistry;
import dev.opsuite.gateway.pve.cluster.ClusterRegistry.Target;
import dev.opsuite.gateway.pve.upstream.PveUpstream;
import dev.opsuite.gateway.pve.upstream.UpstreamFailure;
import dev.opsuite.gateway.pve.upstream.UpstreamReply;
import dev.opsuite.gateway.routing.ClientAddress;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The PVE facade for one request under {@code /api2/json} (or
 * {@code /api/v1/pve/clusters/{name}/api2/json}): authenticate the caller like PVE would, answer the
 * identity paths, apply the role rules and PVE's parameter checks, then call the cluster with its
 * own token — through the cache, the nextid reservations, the per-guest write queue and the
 * Idempotency-Key store as the path calls for — and hand PVE's answer back untouched.
 */
@ApplicationScoped
public class FacadeHandler {
    private static final Logger LOG = Logger.getLogger(FacadeHandler.class);
    static final String API = "/api2/json";
    static final Pattern CLUSTER_PREFIX = Pattern.compile("^/api/v1/pve/clusters/([^/]+)(/api2/json(/.*)?)$");
    private static final int MAX_BODY = 1024 * 1024;

    private final FacadeAuth auth;
    private final AccessAnswers access;
    private final ClusterRegistry clusters;
    private final PveUpstream upstream;
    private final ResponseCache cache;
    private final NextIdReservations reservations;
    private final GuestWrites guestWrites;
    private final IdempotencyService idempotency;
    private final ClientAddress addresses;
    private final Duration reservationTtl;

    public FacadeHandler(
            FacadeAuth auth,
            AccessAnswers access,
            ClusterRegistry clusters,
            PveUpstream upstream,
            ResponseCache cache,
            NextIdReservations reservations,
            GuestWrites guestWrites,
            IdempotencyService idempotency,
            ClientAddress addresses,
            PveConfig config) {
        this.auth = auth;
        this.access = access;
        this.clusters = clusters;
        this.upstream = upstream;
        this.cache = cache;
        this.reservations = reservations;
        this.guestWrites = guestWrites;
        this.idempotency = idempotency;
        this.addresses = addresses;
        this.reservationTtl = config.nextidReservation();
    }

    /** Whether a raw request path belongs to the facade. */
    static boolean owns(String path) {
        return path != null
                && (path.equals(API)
                        || path.startsWith(API + "/")
                        || CLUSTER_PREFIX.matcher(path).matches());
    }

    /** One facade request; the body is read here (PVE bodies are small forms or JSON). */
    public void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String requestId = RequestIds.acceptOrGenerate(request.getHeader(RequestIds.HEADER));
        HttpServerResponse response = rc.response();
        response.putHeader(RequestIds.HEADER, requestId);
        String rawPath = request.path();
        String clusterName = null;
        Matcher prefixed = CLUSTER_PREFIX.matcher(rawPath);
        if (prefixed.matches()) {
            clusterName = URLDecoder.decode(prefixed.group(1), StandardCharsets.UTF_8);
            rawPath = prefixed.group(2);
        }
        String apiRaw = rawPath.length() > API.length() ? rawPath.substring(API.length()) : "/";
        Call call = new Call(
                request.method(),
                apiRaw,
                decode(apiRaw),
                request.query(),
                lastValues(request),
                clusterName != null ? clusterName : request.getHeader("X-PVE-Cluster"),
                requestId);
        if (rc.body() != null && rc.body().buffer() != null) {
            onBody(rc, call, rc.body().buffer());
            return;
        }
        if (request.isEnded()) {
            // an earlier handler on the main router already let the (empty) request end
            onBody(rc, call, Buffer.buffer());
            return;
        }
        request.body().onComplete(body -> {
            if (body.failed()) {
                FacadeReplies.error(
                        response, ApiError.of(400, ErrorCodes.BAD_REQUEST, "Unreadable request body"), requestId);
            } else {
                onBody(rc, call, body.result());
            }
        });
        // Quarkus pauses requests on the main router until a handler takes them
        request.resume();
    }

    /** A facade call once its line and headers are known. */
    record Call(
            HttpMethod method,
            String rawPath,
            String path,
            String rawQuery,
            Map<String, String> query,
            String clusterName,
            String requestId) {

        String methodName() {
            return method.name();
        }

        String upstreamUri() {
            return API + rawPath + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
        }
    }

    private void onBody(RoutingContext rc, Call call, Buffer body) {
        HttpServerResponse response = rc.response();
        if (body.length() > MAX_BODY) {
            FacadeReplies.error(
                    response,
                    ApiError.of(413, ErrorCodes.PAYLOAD_TOO_LARGE, "Request body too large"),
                    call.requestId());
            return;
        }
        String contentType = rc.request().getHeader("Content-Type");
        Map<String, String> bodyParams;
        try {
            bodyParams = BodyParams.parse(contentType, body);
        } catch (IllegalArgumentException e) {
            FacadeReplies.error(response, ApiError.of(400, ErrorCodes.BAD_REQUEST, e.getMessage()), call.requestId());
            return;
        }
        if (call.path().equals("/access/ticket") && call.method() == HttpMethod.POST) {
            login(rc, call, bodyParams);
            return;
        }
        auth.authenticate(rc.request())
                .subscribe()
                .with(identity -> authorized(rc, call, identity, body, contentType, bodyParams), failure -> {
                    if (failure instanceof FacadeAuth.NoCredentials) {
                        FacadeReplies.noTicket(response, call.requestId());
                    } else if (failure instanceof AuthenticationFailedException) {
                        FacadeReplies.authenticationFailed(response, call.requestId());
                    } else {
                        LOG.errorf(failure, "facade authentication failed on %s", call.path());
                        FacadeReplies.error(
                                response,
                                ApiError.of(
                                        503,
                                        ErrorCodes.SERVICE_UNAVAILABLE,
                                        "Authentication is temporarily unavailable"),
                                call.requestId());
                    }
                });
    }

    private void login(RoutingContext rc, Call call, Map<String, String> params) {
        access.ticket(params, addresses.clientIp(rc.request()))
                .subscribe()
                .with(data -> FacadeReplies.data(rc.response(), data), failure -> {
                    if (failure instanceof AuthenticationFailedException) {
                        FacadeReplies.loginFailed(rc.response(), call.requestId());
                    } else {
                        fail(rc.response(), call, failure);
                    }
                });
    }

    private void authorized(
            RoutingContext rc,
            Call call,
            FacadeAuth.Identity identity,
            Buffer body,
            String contentType,
            Map<String, String> bodyParams) {
        HttpServerResponse response = rc.response();
        Caller caller = identity.caller();
        boolean write = call.method() != HttpMethod.GET && call.method() != HttpMethod.HEAD;
        if (write
                && identity.ticket() != null
                && !PveTickets.csrfMatches(identity.ticket(), rc.request().getHeader(PveTickets.CSRF_HEADER))) {
            response.setStatusCode(401)
                    .setStatusMessage("Permission denied - invalid csrf token")
                    .end();
            return;
        }
        // identity paths: answered for the caller, never forwarded
        if (call.path().equals("/access/permissions") && !write) {
            FacadeReplies.data(response, access.permissions(caller, call.query()));
            return;
        }
        if (call.path().equals("/access/users") && !write) {
            access.users(caller, call.query())
                    .subscribe()
                    .with(users -> FacadeReplies.data(response, users), e -> fail(response, call, e));
            return;
        }
        if (call.path().equals("/access/ticket")) {
            // GET /access/ticket is PVE's no-op for login forms
            FacadeReplies.data(response, null);
            return;
        }
        Optional<String> denied = RoleRules.deny(caller.role(), call.methodName(), call.path());
        if (denied.isPresent()) {
            FacadeReplies.forbidden(response, denied.get(), call.requestId());
            return;
        }
        Map<String, String> errors = FacadeValidation.check(call.methodName(), call.path(), call.query());
        if (!errors.isEmpty()) {
            FacadeReplies.paramErrors(response, errors, call.requestId());
            return;
        }
        Optional<Target> target =
                call.clusterName() == null ? clusters.defaultCluster() : clusters.byName(call.clusterName());
        if (target.isEmpty()) {
            String message = call.clusterName() == null
                    ? "No default PVE cluster: name one with the X-PVE-Cluster header"
                    : "Unknown PVE cluster '" + call.clusterName() + "'";
            FacadeReplies.error(
                    response,
                    ApiError.of(
                            call.clusterName() == null ? 400 : 404,
                            call.clusterName() == null ? ErrorCodes.BAD_REQUEST : ErrorCodes.NOT_FOUND,
                            message),
                    call.requestId());
            return;
        }
        Target cluster = target.get();
        Buffer forwardBody = write && body.length() > 0 ? body : null;
        String forwardType = forwardBody == null ? null : contentType;
        Uni<UpstreamReply> reply;
        if (call.method() == HttpMethod.GET && call.path().equals("/cluster/nextid")) {
            reply = nextId(cluster, call);
        } else if (ResponseCache.cacheable(call.methodName(), call.path())) {
            String key = cacheKey(cluster, call);
            reply = cache.get(key, () -> upstream.call(cluster, call.method(), call.upstreamUri(), null, null));
        } else {
            String guest = write ? GuestWrites.guestOf(call.path(), bodyParams) : null;
            reply = guestWrites.run(
                    cluster.cluster().name(),
                    guest,
                    call.methodName(),
                    () -> upstream.call(cluster, call.method(), call.upstreamUri(), forwardBody, forwardType));
            if (write) {
                reply = reply.invoke(r -> cache.invalidate(cacheKeyPrefix(cluster)));
            }
        }
        String idempotencyKey = firstNonNull(
                rc.request().getHeader("Idempotency-Key"), rc.request().getHeader("X-Idempotency-Key"));
        if (call.method() == HttpMethod.POST && idempotencyKey != null) {
            String scope = "pve:" + cluster.cluster().name() + ":" + caller.principalName();
            String hash = idempotency.hashOf(
                    new TreeMap<>(Map.of("path", call.rawPath(), "body", new TreeMap<>(bodyParams))));
            Uni<UpstreamReply> upstreamCall = reply;
            idempotency
                    .execute(scope, idempotencyKey, hash, () -> upstreamCall.map(FacadeHandler::toResponse))
                    .subscribe()
                    .with(r -> writeResponse(response, r), e -> fail(response, call, e));
            return;
        }
        reply.subscribe().with(r -> FacadeReplies.passThrough(response, r), e -> fail(response, call, e));
    }

    /**
     * PVE's next free id, skipping ids the facade already handed out and still holds for someone:
     * ask PVE, try to reserve, and on a clash ask PVE whether the following id is free.
     */
    private Uni<UpstreamReply> nextId(Target cluster, Call call) {
        long clusterId = cluster.cluster().id();
        String wanted = call.query().get("vmid");
        if (wanted != null) {
            int vmid = Integer.parseInt(wanted);
            return reservations
                    .isReserved(clusterId, vmid)
                    .chain(reserved -> reserved
                            ? Uni.createFrom().item(vmidTaken(vmid))
                            : upstream.call(cluster, HttpMethod.GET, call.upstreamUri(), null, null));
        }
        return upstream.call(cluster, HttpMethod.GET, API + "/cluster/nextid", null, null)
                .chain(first -> reserveFrom(cluster, first, 0));
    }

    private Uni<UpstreamReply> reserveFrom(Target cluster, UpstreamReply candidate, int tries) {
        if (!candidate.isSuccess()) {
            return Uni.createFrom().item(candidate);
        }
        int vmid;
        try {
            vmid = Integer.parseInt(new JsonObject(candidate.body()).getString("data"));
        } catch (RuntimeException e) {
            return Uni.createFrom().item(candidate);
        }
        return reservations
                .reserve(cluster.cluster().id(), vmid, reservationTtl)
                .chain(reserved -> {
                    if (reserved) {
                        return Uni.createFrom().item(candidate);
                    }
                    if (tries >= 100) {
                        return Uni.createFrom()
                                .failure(new UpstreamFailure(
                                        503, "No free VMID found near " + vmid + " (all reserved)"));
                    }
                    int next = vmid + 1;
                    return upstream.call(cluster, HttpMethod.GET, API + "/cluster/nextid?vmid=" + next, null, null)
                            .chain(reply -> reply.status() == 400
                                    ? reserveFrom(cluster, syntheticNextId(next + 1, reply), tries + 1)
                                    : reserveFrom(cluster, reply, tries + 1));
                });
    }

    /** When PVE says {@code vmid} is used, continue probing from the next id without asking for it. */
    private UpstreamReply syntheticNextId(int vmid, UpstreamReply like) {
        return new UpstreamReply(
                200,
                "OK",
                "application/json;charset=UTF-8",
                Buffer.buffer(
                        new JsonObject().put("data", Integer.toString(vmid)).encode()),
                like.node());
    }

    private static UpstreamReply vmidTaken(int vmid) {
        JsonObject body = new JsonObject()
                .putNull("data")
                .put("errors", new JsonObject().put("vmid", "VM " + vmid + " is reserved by another caller"))
                .put("message", "Parameter verification failed.");
        return new UpstreamReply(
                400,
                "Parameter verification failed.",
                "application/json;charset=UTF-8",
                Buffer.buffer(body.encode()),
                null);
    }

    private static String cacheKeyPrefix(Target cluster) {
        return cluster.cluster().version() + "|";
    }

    private static String cacheKey(Target cluster, Call call) {
        return cacheKeyPrefix(cluster) + cluster.cluster().tokenId() + "|" + call.rawPath() + "?" + call.rawQuery();
    }

    private static Response toResponse(UpstreamReply reply) {
        Response.ResponseBuilder b = Response.status(reply.status(), reply.reason())
                .entity(reply.body().getBytes());
        if (reply.contentType() != null) {
            b.header("Content-Type", reply.contentType());
        }
        return b.build();
    }

    private static void writeResponse(HttpServerResponse response, Response r) {
        response.setStatusCode(r.getStatus());
        String reason = r.getStatusInfo().getReasonPhrase();
        if (reason != null) {
            response.setStatusMessage(reason);
        }
        r.getStringHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> response.headers().add(name, v));
            }
        });
        Object entity = r.getEntity();
        if (entity instanceof byte[] bytes) {
            response.end(Buffer.buffer(bytes));
        } else if (entity != null) {
            response.end(entity.toString());
        } else {
            response.end();
        }
    }

    private void fail(HttpServerResponse response, Call call, Throwable e) {
        if (response.ended()) {
            return;
        }
        if (e instanceof UpstreamFailure f) {
            FacadeReplies.error(
                    response,
                    ApiError.of(
                            f.status(),
                            f.status() == 504 ? ErrorCodes.TIMEOUT : ErrorCodes.UPSTREAM_ERROR,
                            f.getMessage()),
                    call.requestId());
        } else if (e instanceof ApiException api) {
            FacadeReplies.error(response, api.toError(call.requestId()), call.requestId());
        } else {
            LOG.errorf(e, "PVE facade failed on %s %s", call.methodName(), call.path());
            FacadeReplies.error(
                    response, ApiError.of(500, ErrorCodes.INTERNAL_ERROR, "Internal error"), call.requestId());
        }
    }

    private static Map<String, String> lastValues(HttpServerRequest request) {
        Map<String, String> query = new LinkedHashMap<>();
        request.params().forEach(query::put);
        return query;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
