package dev.opsuite.automation.features;

import dev.opsuite.automation.audit.AuditLog;
import dev.opsuite.automation.domain.Feature;
import dev.opsuite.automation.domain.FeatureSettings;
import dev.opsuite.automation.domain.Settings;
import dev.opsuite.common.error.ApiException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Feature switches and runtime settings, one row in PostgreSQL shared by every replica. Reads always
 * go to the database (one primary-key lookup), so a switch turned off on one replica is off everywhere
 * at once; the last snapshot is kept for engines that need the limits without a session.
 */
@ApplicationScoped
public class FeatureService {
    private final AtomicReference<Settings> last = new AtomicReference<>();
    private final AuditLog audit;

    public FeatureService(AuditLog audit) {
        this.audit = audit;
    }

    @WithSession
    public Uni<Settings> current() {
        return FeatureSettings.<FeatureSettings>findById(FeatureSettings.ROW).map(f -> remember(Settings.of(f)));
    }

    /** The last settings read, for code outside a request (engines resizing their limits). */
    public Settings lastKnown() {
        return last.get();
    }

    /** Fails with 403 功能未启用 when the feature (or automation as a whole) is switched off. */
    public Uni<Settings> require(Feature feature) {
        return current().map(s -> {
            if (!feature.on(s)) {
                String what = s.enabled() ? feature.label() + "功能未启用" : "自动化功能未启用";
                throw ApiException.forbidden(what + "，请联系管理员").withTitle("功能未启用");
            }
            return s;
        });
    }

    @WithTransaction
    public Uni<Settings> update(Consumer<FeatureSettings> change) {
        return FeatureSettings.<FeatureSettings>findById(FeatureSettings.ROW).chain(f -> {
            Map<String, Object> before = AuditLog.snapshot(f);
            change.accept(f);
            validate(f);
            f.updatedAt = OffsetDateTime.now();
            Settings after = remember(Settings.of(f));
            return audit.record("update", "feature_settings", "automation", before, f, null)
                    .replaceWith(after);
        });
    }

    private Settings remember(Settings s) {
        last.set(s);
        return s;
    }

    private static void validate(FeatureSettings f) {
        range("ansible.timeout", f.ansibleTimeout, 1, 86_400);
        range("ansible.max_concurrent", f.ansibleMaxConcurrent, 1, 200);
        range("ssh.timeout", f.sshTimeout, 1, 86_400);
        range("ssh.max_concurrent", f.sshMaxConcurrent, 1, 1000);
        range("ssh.connection_pool_size", f.sshPoolSize, 1, 1000);
        if (f.ansibleBinaryPath == null || f.ansibleBinaryPath.isBlank() || f.ansibleBinaryPath.contains("\n")) {
            throw ApiException.badRequest("validation_failed", "binary_path must name the ansible-playbook executable");
        }
        Path binary = Path.of(f.ansibleBinaryPath);
        if (binary.getNameCount() > 1 && !binary.isAbsolute()) {
            throw ApiException.badRequest("validation_failed", "binary_path must be absolute or a bare command name");
        }
        if (f.ansibleTempDir != null
                && !f.ansibleTempDir.isEmpty()
                && !Path.of(f.ansibleTempDir).isAbsolute()) {
            throw ApiException.badRequest("validation_failed", "temp_dir must be an absolute path");
        }
    }

    private static void range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw ApiException.badRequest("validation_failed", field + " must be between " + min + " and " + max);
        }
    }
}
