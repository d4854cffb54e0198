package dev.opsuite.common.inbox;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the service's event consumers: DOWN while one has been stuck on a record longer
 * than {@code opsuite.inbox.stuck-after} (its partition stops; its lag grows), with every consumer's
 * failure and dead-letter figures in the check's data either way.
 */
@Readiness
@ApplicationScoped
public class ConsumersReadiness implements AsyncHealthCheck {
    private final ConsumerHealth health;
    private final InboxConfig config;

    public ConsumersReadiness(ConsumerHealth health, InboxConfig config) {
        this.health = health;
        this.config = config;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        Instant now = health.now();
        HealthCheckResponseBuilder builder =
                HealthCheckResponse.named("event-consumers").up();
        for (Map.Entry<String, ConsumerHealth.State> e : health.snapshot().entrySet()) {
            ConsumerHealth.State s = e.getValue();
            String prefix = e.getKey() + ".";
            if (s.stuckLongerThan(config.stuckAfter(), now)) {
                builder.down();
            }
            builder.withData(
                    prefix + "state", s.failingSince() == null ? "consuming" : "retrying since " + s.failingSince());
            if (s.lastFailure() != null && s.failingSince() != null) {
                builder.withData(prefix + "last_failure", s.lastFailure());
            }
            builder.withData(prefix + "dead_lettered", s.deadLettered());
            if (s.lastDeadLetterAt() != null) {
                builder.withData(prefix + "last_dead_letter", s.lastDeadLetterAt() + " " + s.lastDeadLetterReason());
            }
        }
        return Uni.createFrom().item(builder.build());
    }
}
