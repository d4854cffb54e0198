package dev.opsuite.gateway.api;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.security.Roles;
import dev.opsuite.gateway.api.AuthDtos.CreatedToken;
import dev.opsuite.gateway.api.AuthDtos.TokenList;
import dev.opsuite.gateway.api.AuthDtos.TokenRequest;
import dev.opsuite.gateway.api.AuthDtos.TokenView;
import dev.opsuite.gateway.apitoken.ApiTokenService;
import dev.opsuite.gateway.apitoken.PveApiTokenHeader;
import dev.opsuite.gateway.auth.Caller;
import dev.opsuite.gateway.auth.InternalTokens;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * API tokens of the signed-in user (all tokens for admins). Only a session may create tokens: a
 * machine credential must not be able to mint more of itself. Automation dialect.
 */
@Path("/api/v1/auth/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ApiTokenResource {

    private final ApiTokenService tokens;
    private final InternalTokens internalTokens;
    private final CurrentCaller caller;

    public ApiTokenResource(ApiTokenService tokens, InternalTokens internalTokens, CurrentCaller caller) {
        this.tokens = tokens;
        this.internalTokens = internalTokens;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(TokenRequest body) {
        Caller c = caller.get();
        if (!c.isSession()) {
            throw ApiException.forbidden("API tokens cannot create API tokens");
        }
        if (body == null) {
            throw ApiException.badRequest("request body is required");
        }
        return tokens.create(c.userId(), c.role(), body.name(), body.role(), body.expiresAt())
                .map(created -> Envelope.created(
                        "创建成功",
                        new CreatedToken(
                                created.token().id(),
                                created.token().name(),
                                created.token().role(),
                                created.token().username(),
                                created.secret(),
                                created.token().username() + "@" + PveApiTokenHeader.REALM + "!"
                                        + created.token().name(),
                                created.token().createdAt(),
                                created.token().expiresAt())));
    }

    @GET
    public Uni<Envelope<TokenList>> list() {
        Caller c = caller.get();
        return tokens.list(c.userId(), Roles.ADMIN.equals(c.role()))
                .map(list -> Envelope.ok(
                        "获取成功",
                        new TokenList(
                                list.size(), list.stream().map(TokenView::of).toList())));
    }

    @DELETE
    @Path("{id}")
    public Uni<Envelope<TokenView>> revoke(@PathParam("id") long id) {
        Caller c = caller.get();
        return tokens.revoke(id, c.userId(), Roles.ADMIN.equals(c.role()))
                .invoke(t -> internalTokens.forget(t.id()))
                .map(t -> Envelope.ok("删除成功", TokenView.of(t)));
    }
}
