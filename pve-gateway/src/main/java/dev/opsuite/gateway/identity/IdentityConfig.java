package dev.opsuite.gateway.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Users, passwords, session tokens and the signing key. */
@ConfigMapping(prefix = "opsuite.identity")
public interface IdentityConfig {

    /** Password of the {@code admin} user created on first start (env OPSUITE_ADMIN_PASSWORD); random when absent. */
    Optional<String> adminPassword();

    /** Lifetime of session tokens from login and refresh. */
    @WithDefault("8h")
    Duration tokenTtl();

    /** Lifetime of the internal tokens an API token is exchanged for on its way to an upstream. */
    @WithDefault("5m")
    Duration internalTokenTtl();

    @WithDefault("10")
    int bcryptCost();

    @WithDefault("8")
    int passwordMinLength();

    /** RS256 private key, PKCS#8 PEM text (env OPSUITE_IDENTITY_SIGNING_KEY); takes precedence over the location. */
    Optional<String> signingKey();

    /** File holding the RS256 private key as PKCS#8 PEM. Without either, a key is generated and kept in the DB. */
    Optional<String> signingKeyLocation();

    Login login();

    interface Login {
        /**
         * Failed attempts for one username from one client address before 429, refilled at
         * {@link #perUserAddressPerMinute()}: what stops a guesser without letting anyone lock a
         * user (say, admin) out from everywhere else.
         */
        @WithDefault("5")
        int perUserAddressBurst();

        @WithDefault("5")
        double perUserAddressPerMinute();

        /** Failed attempts per client address across usernames before 429. */
        @WithDefault("20")
        int perIpBurst();

        @WithDefault("20")
        double perIpPerMinute();

        /**
         * The ceiling per username from all addresses together: high, so that only a distributed
         * guesser reaches it.
         */
        @WithDefault("100")
        int perUserBurst();

        @WithDefault("60")
        double perUserPerMinute();
    }
}
