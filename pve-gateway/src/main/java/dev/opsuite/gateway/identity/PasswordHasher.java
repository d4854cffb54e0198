package dev.opsuite.gateway.identity;

import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * bcrypt through Quarkus' Elytron helper. Hashing costs tens of milliseconds of CPU by design, so
 * callers run it off the event loop. Unknown users are checked against {@link #dummyHash()} so a
 * login takes as long whether or not the user exists.
 */
@ApplicationScoped
public class PasswordHasher {

    private final int cost;
    private final String dummyHash;

    public PasswordHasher(IdentityConfig config) {
        this.cost = config.bcryptCost();
        this.dummyHash = BcryptUtil.bcryptHash("opsuite-timing-equalizer", cost);
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, cost);
    }

    /** Constant-time with respect to the content of {@code password}; false for a malformed hash. */
    public boolean matches(String password, String hash) {
        try {
            return BcryptUtil.matches(password, hash);
        } catch (RuntimeException e) {
            return false;
        }
    }

    public String dummyHash() {
        return dummyHash;
    }
}
