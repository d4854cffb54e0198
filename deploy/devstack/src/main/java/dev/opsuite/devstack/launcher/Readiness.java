package dev.opsuite.devstack.launcher;

import dev.opsuite.devstack.DevstackException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Waits until every service answers 200 on /q/health/ready, showing progress and naming the log of any that fails. */
final class Readiness {
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    private final Duration timeout;
    private final Consumer<String> console;
    private final Function<Path, String> display;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Readiness(Duration timeout, Consumer<String> console, Function<Path, String> display) {
        this.timeout = timeout;
        this.console = console;
        this.display = display;
    }

    void awaitAll(List<ServiceProcess> services, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        long nextProgress = start + PROGRESS_EVERY.toNanos();
        Map<ServiceProcess, Boolean> pending = new LinkedHashMap<>();
        services.forEach(s -> pending.put(s, true));
        while (!pending.isEmpty()) {
            if (cancelled.getAsBoolean()) {
                throw new DevstackException("Stopped while waiting for the services");
            }
            for (ServiceProcess service : new ArrayList<>(pending.keySet())) {
                if (!service.isAlive()) {
                    throw new DevstackException(service.spec().module() + " exited with code " + service.exitCode()
                            + " before it was ready. Log: " + display.apply(service.logFile()) + lastLines(service));
                }
                if (ready(service)) {
                    pending.remove(service);
                    console.accept(String.format(
                            "%sready on http://localhost:%d (%.1fs)",
                            service.prefix(), service.port(), (System.nanoTime() - start) / 1e9));
                }
            }
            long now = System.nanoTime();
            if (!pending.isEmpty() && now - start > timeout.toNanos()) {
                String names = pending.keySet().stream()
                        .map(s -> s.spec().module() + " (log: " + display.apply(s.logFile()) + ")")
                        .collect(Collectors.joining(", "));
                throw new DevstackException("Not ready within " + timeout.toSeconds() + "s: " + names
                        + ". Raise the limit with " + LaunchConfig.ENV_READY_TIMEOUT + " if the machine is just slow.");
            }
            if (!pending.isEmpty() && now >= nextProgress) {
                nextProgress = now + PROGRESS_EVERY.toNanos();
                console.accept(String.format(
                        "devstack: waiting for %s ... %ds",
                        pending.keySet().stream().map(s -> s.spec().name()).collect(Collectors.joining(", ")),
                        (now - start) / 1_000_000_000L));
            }
            sleep();
        }
    }

    private boolean ready(ServiceProcess service) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + service.port() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(3))
                .GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevstackException(
                    "Interrupted while waiting for " + service.spec().module());
        }
    }

    private static String lastLines(ServiceProcess service) {
        List<String> tail = service.tail();
        return tail.isEmpty() ? "" : "\nLast lines:\n  " + String.join("\n  ", tail);
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevstackException("Interrupted while waiting for the services");
        }
    }
}
