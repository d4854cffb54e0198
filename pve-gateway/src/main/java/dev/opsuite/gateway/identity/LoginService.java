package dev.opsuite.gateway.identity;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.gateway.token.IssuedToken;
import dev.opsuite.gateway.token.TokenIssuer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Username + password -> session token. Unknown user, wrong password and disabled user all cost one
 * bcrypt comparison and fail with the same answer, so neither the body nor the timing tells which.
 */
@ApplicationScoped
public class LoginService {

    public record Session(User user, IssuedToken token) {}

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final TokenIssuer issuer;
    private final Duration ttl;

    public LoginService(
            UserRepository users,
            PasswordHasher hasher,
            LoginThrottle throttle,
            TokenIssuer issuer,
            IdentityConfig config) {
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
        this.issuer = issuer;
        this.ttl = config.tokenTtl();
    }

    public Uni<Session> login(String username, String password, String clientIp) {
        Duration wait = throttle.check(username, clientIp);
        if (!wait.isZero()) {
            return Uni.createFrom().failure(ApiException.tooManyRequests(wait, "登录尝试次数过多，请稍后再试"));
        }
        return users.findByUsername(username)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(found -> verify(found, password))
                .map(user -> {
                    if (user.isEmpty()) {
                        throttle.recordFailure(username, clientIp);
                        throw invalidCredentials();
                    }
                    return issue(user.get());
                });
    }

    /** A new session for a user whose current state was just read (refresh). */
    public Session issue(User user) {
        return new Session(
                user, issuer.issue(user.username(), user.username(), user.role(), user.tokenVersion(), ttl, Map.of()));
    }

    public Duration ttl() {
        return ttl;
    }

    private Optional<User> verify(Optional<User> found, String password) {
        // always one bcrypt comparison, against a dummy hash when there is no such user
        String hash = found.map(User::passwordHash).orElse(hasher.dummyHash());
        boolean matches = hasher.matches(password, hash);
        return found.filter(u -> matches && u.enabled());
    }

    public static ApiException invalidCredentials() {
        return new ApiException(401, "invalid_credentials", "用户名或密码错误").withTitle("未授权");
    }
}
