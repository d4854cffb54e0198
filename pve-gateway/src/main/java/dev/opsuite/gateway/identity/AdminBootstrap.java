package dev.opsuite.gateway.identity;

import dev.opsuite.common.security.Roles;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * First start: with no users at all, create {@code admin} with OPSUITE_ADMIN_PASSWORD, or with a
 * random password printed once in the log (never stored anywhere in clear).
 */
@ApplicationScoped
public class AdminBootstrap {
    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
    public static final String ADMIN = "admin";

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final IdentityConfig config;

    public AdminBootstrap(UserRepository users, PasswordHasher hasher, IdentityConfig config) {
        this.users = users;
        this.hasher = hasher;
        this.config = config;
    }

    void onStart(@Observes @Priority(20) StartupEvent event) {
        if (users.anyUser().await().atMost(Duration.ofSeconds(30))) {
            return;
        }
        boolean generated = config.adminPassword().isEmpty();
        String password = config.adminPassword().orElseGet(AdminBootstrap::randomPassword);
        var created = users.insert(ADMIN, hasher.hash(password), Roles.ADMIN, true)
                .await()
                .atMost(Duration.ofSeconds(30));
        if (created.isEmpty()) {
            return; // another replica created it first
        }
        if (generated) {
            LOG.warnf(
                    "Created user '%s' with the generated password: %s  (shown once; set OPSUITE_ADMIN_PASSWORD to choose it)",
                    ADMIN, password);
        } else {
            LOG.infof("Created user '%s' with the password from OPSUITE_ADMIN_PASSWORD", ADMIN);
        }
    }

    static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
