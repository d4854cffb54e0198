package dev.opsuite.gateway.status;

import dev.opsuite.gateway.routing.CircuitBreakers;
import dev.opsuite.gateway.routing.RoutingConfig;
import dev.opsuite.gateway.routing.UpstreamClient;
import dev.opsuite.gateway.routing.UpstreamOrigin;
import io.netty.channel.ConnectTimeoutException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/** Calls one upstream instance's {@code /q/health/ready} with a short timeout; never fails, reports instead. */
@ApplicationScoped
public class UpstreamProbe {
    private static final Logger LOG = Logger.getLogger(UpstreamProbe.class);

    private final UpstreamClient client;
    private final CircuitBreakers breakers;
    private final Duration timeout;

    public UpstreamProbe(UpstreamClient client, CircuitBreakers breakers, RoutingConfig config) {
        this.client = client;
        this.breakers = breakers;
        this.timeout = config.statusProbeTimeout();
    }

    /** Probes one instance; the circuit reported is the gateway's breaker for that origin. */
    public Uni<InstanceHealth> probe(UpstreamOrigin origin) {
        long start = System.nanoTime();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(origin.host())
                .setPort(origin.port())
                .setSsl(origin.ssl())
                .setURI("/q/health/ready")
                // a request without any header trips the OpenTelemetry client instrumentation (NPE)
                .putHeader("Accept", "application/json")
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis());
        String circuit = breakers.forOrigin(origin).state().name();
        var future = client.get()
                .request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> response.statusCode()));
        return Uni.createFrom()
                .completionStage(future.toCompletionStage())
                .ifNoItem()
                .after(timeout.plusMillis(200))
                .failWith(TimeoutException::new)
                .map(status -> new InstanceHealth(
                        origin.key(), status == 200 ? "UP" : "DOWN", status, millisSince(start), circuit, null))
                .onFailure()
                .invoke(e -> LOG.debugf(e, "readiness probe of %s failed", origin.key()))
                .onFailure()
                .recoverWithItem(e -> new InstanceHealth(
                        origin.key(),
                        isTimeout(e) ? "TIMEOUT" : "UNREACHABLE",
                        null,
                        millisSince(start),
                        circuit,
                        e.getClass().getSimpleName()));
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException
                    || t instanceof ConnectTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
