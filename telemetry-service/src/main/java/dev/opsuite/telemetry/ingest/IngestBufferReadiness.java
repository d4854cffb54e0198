package dev.opsuite.telemetry.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once the ingest producer knows the partitions of its topic: before that reports wait
 * for them and are answered 503 if the broker does not answer in time, so no traffic should be
 * routed here yet.
 */
@Readiness
@ApplicationScoped
public class IngestBufferReadiness implements HealthCheck {
    private final IngestPublisher publisher;

    public IngestBufferReadiness(IngestPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("telemetry ingest buffer")
                .status(publisher.topicKnown())
                .build();
    }
}
