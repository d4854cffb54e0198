package dev.opsuite.deployment.apps;

import dev.opsuite.common.crypto.SecretBox;
import dev.opsuite.deployment.domain.App;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The registry as blocking code (deployment runners, the webhook dispatcher) reads it. */
@ApplicationScoped
public class AppLookup {
    private final AppRepository apps;
    private final SecretBox box;

    public AppLookup(AppRepository apps, SecretBox box) {
        this.apps = apps;
        this.box = box;
    }

    public Optional<App> find(String name) {
        return apps.find(name);
    }

    /** The app's webhook secret in clear, for signing its deployments' webhooks. */
    public Optional<String> webhookSecret(String name) {
        return apps.encryptedSecret(name).map(ct -> new String(box.decrypt(ct, "app:" + name), StandardCharsets.UTF_8));
    }
}
