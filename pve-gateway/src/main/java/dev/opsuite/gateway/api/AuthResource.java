package dev.opsuite.gateway.api;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.gateway.api.AuthDtos.LoginData;
import dev.opsuite.gateway.api.AuthDtos.LoginRequest;
import dev.opsuite.gateway.api.AuthDtos.LoginUser;
import dev.opsuite.gateway.api.AuthDtos.Me;
import dev.opsuite.gateway.auth.Caller;
import dev.opsuite.gateway.identity.LoginService;
import dev.opsuite.gateway.identity.UserRepository;
import dev.opsuite.gateway.routing.ClientAddress;
import dev.opsuite.gateway.token.RevokedTokens;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.ZoneOffset;

/** Sessions: login, refresh, logout, me. Automation dialect (see opsuite.errors.dialects). */
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final LoginService login;
    private final UserRepository users;
    private final RevokedTokens revoked;
    private final ClientAddress addresses;
    private final CurrentCaller caller;

    public AuthResource(
            LoginService login,
            UserRepository users,
            RevokedTokens revoked,
            ClientAddress addresses,
            CurrentCaller caller) {
        this.login = login;
        this.users = users;
        this.revoked = revoked;
        this.addresses = addresses;
        this.caller = caller;
    }

    @POST
    @Path("login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Envelope<LoginData>> login(LoginRequest body, @Context HttpServerRequest request) {
        if (body == null || body.username() == null || body.username().isBlank() || body.password() == null) {
            throw ApiException.badRequest("username and password are required");
        }
        return login.login(body.username().trim(), body.password(), addresses.clientIp(request))
                .map(session -> Envelope.ok("登录成功", data(session)));
    }

    /** A fresh token with the user's current role; the presented one is revoked. */
    @POST
    @Path("refresh")
    @Authenticated
    public Uni<Envelope<LoginData>> refresh() {
        Caller current = sessionCaller("refresh");
        return users.findById(current.userId())
                .map(found -> found.filter(u -> u.enabled()).orElseThrow(() -> ApiException.unauthorized("用户不存在或已禁用")))
                .chain(user ->
                        revoked.revoke(current.jti(), current.expiresAt()).replaceWith(login.issue(user)))
                .map(session -> Envelope.ok("刷新成功", data(session)));
    }

    @POST
    @Path("logout")
    @Authenticated
    public Uni<Envelope<Void>> logout() {
        Caller current = sessionCaller("logout");
        return revoked.revoke(current.jti(), current.expiresAt()).replaceWith(Envelope.ok("登出成功", null));
    }

    @GET
    @Path("me")
    @Authenticated
    public Envelope<Me> me() {
        Caller c = caller.get();
        return Envelope.ok(
                "获取成功",
                new Me(
                        c.userId(),
                        c.username(),
                        c.role(),
                        c.isSession() ? "session" : "api_token",
                        c.expiresAt() == null ? null : c.expiresAt().atOffset(ZoneOffset.UTC),
                        c.apiTokenName()));
    }

    private Caller sessionCaller(String action) {
        Caller c = caller.get();
        if (!c.isSession()) {
            throw ApiException.badRequest(
                    "api_token_not_session", "API tokens cannot " + action + "; revoke them instead");
        }
        return c;
    }

    private static LoginData data(LoginService.Session session) {
        long expiresIn = Duration.between(
                        session.token().issuedAt(), session.token().expiresAt())
                .toSeconds();
        return new LoginData(session.token().token(), expiresIn, LoginUser.of(session.user()));
    }
}
