package dev.opsuite.gateway.pve.facade;

import dev.opsuite.gateway.apitoken.PveApiTokenHeader;
import dev.opsuite.gateway.auth.ApiTokenCheck;
import dev.opsuite.gateway.auth.BearerAuthenticator;
import dev.opsuite.gateway.auth.Caller;
import dev.opsuite.gateway.auth.SessionCheck;
import dev.opsuite.gateway.token.TokenVerifier;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who calls the facade, the ways PVE clients authenticate: an opsuite API token in PVE's header
 * form ({@code PVEAPIToken=user@opsuite!name=secret}, or with a space), a Bearer JWT or API token,
 * or a ticket from {@code POST /access/ticket} in the {@code PVEAuthCookie} cookie.
 */
@ApplicationScoped
public class FacadeAuth {

    /** @param ticket the cookie's ticket when that is how the caller authenticated (CSRF applies) */
    public record Identity(Caller caller, String ticket) {}

    /** No credentials at all: PVE's "No ticket". */
    public static final class NoCredentials extends RuntimeException {
        NoCredentials() {
            super("no credentials", null, false, false);
        }
    }

    private final BearerAuthenticator bearer;
    private final ApiTokenCheck apiTokens;
    private final TokenVerifier verifier;
    private final SessionCheck sessions;
    private final CredentialCache cache;

    public FacadeAuth(
            BearerAuthenticator bearer,
            ApiTokenCheck apiTokens,
            TokenVerifier verifier,
            SessionCheck sessions,
            CredentialCache cache) {
        this.bearer = bearer;
        this.apiTokens = apiTokens;
        this.verifier = verifier;
        this.sessions = sessions;
        this.cache = cache;
    }

    public Uni<Identity> authenticate(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            return cached(authorization, () -> byHeader(authorization)).map(c -> new Identity(c, null));
        }
        Cookie cookie = request.getCookie(PveTickets.COOKIE);
        if (cookie != null && !cookie.getValue().isBlank()) {
            String ticket = URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8);
            return cached("ticket " + ticket, () -> byTicket(ticket)).map(c -> new Identity(c, ticket));
        }
        return Uni.createFrom().failure(new NoCredentials());
    }

    private Uni<Caller> cached(String credential, Supplier<Uni<Caller>> check) {
        Optional<Caller> known = cache.get(credential);
        if (known.isPresent()) {
            return Uni.createFrom().item(known.get());
        }
        return check.get().invoke(caller -> cache.put(credential, caller));
    }

    private Uni<Caller> byHeader(String authorization) {
        Optional<PveApiTokenHeader> pve = PveApiTokenHeader.parse(authorization);
        if (pve.isPresent()) {
            PveApiTokenHeader token = pve.get();
            if (!token.isOpsuiteRealm()) {
                return failed("token of realm " + token.realm() + ": only @opsuite tokens are accepted");
            }
            return apiTokens.accept(token.secret()).invoke(caller -> {
                if (!caller.username().equalsIgnoreCase(token.user())
                        || !token.tokenName().equals(caller.apiTokenName())) {
                    throw new AuthenticationFailedException("token id does not match the secret");
                }
            });
        }
        if (BearerAuthenticator.bearerCredential(authorization).isPresent()) {
            return bearer.authenticate(authorization).map(Optional::orElseThrow);
        }
        return failed("unsupported authorization scheme");
    }

    /** A ticket: its signed token must verify and its user still be enabled with the same token generation. */
    public Uni<Caller> byTicket(String ticket) {
        Optional<PveTickets.Parsed> parsed = PveTickets.parse(ticket);
        if (parsed.isEmpty()) {
            return failed("not a ticket");
        }
        try {
            var verified = verifier.verify(parsed.get().token());
            if (!verified.username().equalsIgnoreCase(parsed.get().username())) {
                return failed("ticket user does not match its token");
            }
            return sessions.accept(verified);
        } catch (AuthenticationFailedException e) {
            return Uni.createFrom().failure(e);
        }
    }

    private static <T> Uni<T> failed(String why) {
        return Uni.createFrom().failure(new AuthenticationFailedException(why));
    }
}
