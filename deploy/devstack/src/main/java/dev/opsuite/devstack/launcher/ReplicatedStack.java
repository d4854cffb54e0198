package dev.opsuite.devstack.launcher;

import dev.opsuite.devstack.DevstackException;
import dev.opsuite.devstack.FreePorts;
import dev.opsuite.devstack.ServiceDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Several instances of some services against one PostgreSQL and one Kafka, behind one gateway that
 * load-balances between them: what a Kubernetes Deployment with {@code replicas: N} amounts to, as
 * processes on this machine. The reliability tests use it to prove that replicas never do the same
 * work twice, and to stop, kill and restart single instances.
 *
 * <pre>{@code
 * try (ReplicatedStack stack = new ReplicatedStack(config, Map.of("telemetry", 2, "deployment", 2), System.out::println)) {
 *     stack.start();
 *     stack.gatewayUrl();            // routes to both telemetry and both deployment instances
 *     stack.instanceUrl("telemetry", 1);
 * }
 * }</pre>
 * Each instance has its own port, log ({@code <name>-<n>.log}), pid file and instance id
 * ({@code <name>-<n>}, for services that record which replica owns a piece of work). Services not
 * listed are not started; the gateway's routes to them point at their (unused) ports. With
 * {@code "gateway", 2} a second gateway ({@code gateway-1}, {@link #gatewayUrl(int)}) runs beside
 * the first, on the same database and Kafka.
 */
public final class ReplicatedStack implements AutoCloseable {
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final LaunchConfig config;
    private final Map<String, Integer> replicas;
    private final Consumer<String> console;
    private final StackLauncher infrastructure;
    private final Map<String, List<Integer>> ports = new LinkedHashMap<>();
    /** Gateway instance {@code i} listens on {@code gatewayPorts[i]}; the first on the configured gateway port. */
    private final List<Integer> gatewayPorts = new ArrayList<>();
    /** The PVE facade's HTTPS port of gateways after the first (the first uses the stack's). */
    private final List<Integer> facadePorts = new ArrayList<>();

    private final Map<String, ServiceProcess> running = Collections.synchronizedMap(new LinkedHashMap<>());

    /**
     * @param config   where and how (free ports, home, environment); its services part is ignored
     * @param replicas instances per upstream service (telemetry, deployment, l10n, automation), and
     *                 of the gateway (default 1): each gateway balances over every upstream instance,
     *                 and they share PostgreSQL and Kafka as gateway replicas do
     */
    public ReplicatedStack(LaunchConfig config, Map<String, Integer> replicas, Consumer<String> console) {
        this.config = config;
        this.replicas = Map.copyOf(replicas);
        this.console = console;
        this.infrastructure = new StackLauncher(config.infrastructureOnly(), console);
        for (ServiceSpec spec : ServiceSpec.upstreams()) {
            int n = this.replicas.getOrDefault(spec.name(), 0);
            List<Integer> list = new ArrayList<>();
            for (int port : n == 0 ? new int[0] : FreePorts.pick(n)) {
                list.add(port);
            }
            ports.put(spec.name(), List.copyOf(list));
        }
        int gateways = this.replicas.getOrDefault("gateway", 1);
        if (gateways < 1) {
            throw new IllegalArgumentException("At least one gateway runs; asked for " + gateways);
        }
        gatewayPorts.add(config.port("gateway"));
        if (gateways > 1) {
            for (int port : FreePorts.pick(2 * (gateways - 1))) {
                (gatewayPorts.size() < gateways ? gatewayPorts : facadePorts).add(port);
            }
        }
        this.replicas.keySet().forEach(name -> {
            if (!ports.containsKey(name) && !"gateway".equals(name)) {
                throw new IllegalArgumentException("Unknown upstream service " + name + "; known: " + ports.keySet());
            }
        });
    }

    /** PostgreSQL, Kafka, the gateway and every instance, each waited for until ready. */
    public void start() {
        try {
            startInfrastructure();
            awaitReady(launchAll(), config.readyTimeout());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** PostgreSQL and Kafka (or, when external, the database, roles and schemas on them). */
    public void startInfrastructure() {
        infrastructure.start();
    }

    /** Starts the gateway and every instance without waiting for them; returns their names. */
    public List<String> launchAll() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < gatewayPorts.size(); i++) {
            launch(gatewaySpec(), i);
            names.add(key("gateway", i));
        }
        for (ServiceSpec spec : ServiceSpec.upstreams()) {
            for (int i = 0; i < ports.get(spec.name()).size(); i++) {
                launch(spec, i);
                names.add(key(spec.name(), i));
            }
        }
        return names;
    }

    /** Waits until each named instance ({@code <service>-<n>}) answers /q/health/ready with 200. */
    public void awaitReady(List<String> names, Duration timeout) {
        List<ServiceProcess> processes = names.stream()
                .map(n -> {
                    ServiceProcess p = running.get(n);
                    if (p == null) {
                        throw new IllegalArgumentException(n + " is not running");
                    }
                    return p;
                })
                .toList();
        new Readiness(timeout, console, p -> p.toString()).awaitAll(processes, () -> false);
    }

    /** Every running instance's name ({@code <service>-<n>}, the gateway is {@code gateway-0}). */
    public List<String> running() {
        synchronized (running) {
            return List.copyOf(running.keySet());
        }
    }

    /** Direct base URL of a running instance by name ({@code <service>-<n>}). */
    public String urlOf(String name) {
        ServiceProcess process = running.get(name);
        if (process == null) {
            throw new IllegalArgumentException(name + " is not running");
        }
        return "http://localhost:" + process.port();
    }

    /** Starts instance {@code index} of {@code service} again (after {@link #stop} or {@link #kill}) and waits for it. */
    public void restart(String service, int index) {
        launch(spec(service), index);
        awaitReady(List.of(key(service, index)), config.readyTimeout());
    }

    /** Stops one instance gracefully (SIGTERM, then SIGKILL after 20 s). */
    public void stop(String service, int index) {
        ServiceProcess process = running.remove(key(service, index));
        if (process != null) {
            process.stop(STOP_GRACE);
        }
    }

    /** Kills one instance with SIGKILL: no shutdown hook runs, as when a pod's node dies. */
    public void kill(String service, int index) {
        ServiceProcess process = running.remove(key(service, index));
        if (process != null) {
            process.process().destroyForcibly();
            process.stop(STOP_GRACE);
        }
    }

    public boolean isAlive(String service, int index) {
        return isAlive(key(service, index));
    }

    /** The process id of a running instance by name ({@code <service>-<n>}). */
    public long pid(String name) {
        ServiceProcess process = running.get(name);
        if (process == null) {
            throw new IllegalArgumentException(name + " is not running");
        }
        return process.process().pid();
    }

    /** Whether the instance named {@code <service>-<n>} runs. */
    public boolean isAlive(String name) {
        ServiceProcess process = running.get(name);
        return process != null && process.isAlive();
    }

    /** The first gateway. */
    public String gatewayUrl() {
        return infrastructure.gatewayUrl();
    }

    /** Gateway instance {@code index} (0 is {@link #gatewayUrl()}). */
    public String gatewayUrl(int index) {
        return "http://localhost:" + port("gateway", index);
    }

    /** Direct URL of one instance, bypassing the gateway. */
    public String instanceUrl(String service, int index) {
        return "http://localhost:" + port(service, index);
    }

    public int instances(String service) {
        if ("gateway".equals(service)) {
            return gatewayPorts.size();
        }
        return ports.getOrDefault(service, List.of()).size();
    }

    /** The instance id a service records as owner of its work ({@code <service>-<index>}). */
    public static String instanceId(String service, int index) {
        return service + "-" + index;
    }

    public StackLauncher infrastructure() {
        return infrastructure;
    }

    public ServiceDatabase database(String service) {
        return infrastructure.database(service);
    }

    public String adminPassword() {
        return infrastructure.adminPassword();
    }

    /** Stops every instance (all at once), then Kafka and PostgreSQL. Idempotent. */
    @Override
    public void close() {
        List<ServiceProcess> all;
        synchronized (running) {
            all = new ArrayList<>(running.values());
            running.clear();
        }
        all.forEach(ServiceProcess::requestStop);
        all.forEach(p -> p.stop(STOP_GRACE));
        infrastructure.close();
    }

    private ServiceProcess launch(ServiceSpec spec, int index) {
        String key = key(spec.name(), index);
        if (running.containsKey(key) && running.get(key).isAlive()) {
            throw new DevstackException(key + " is already running");
        }
        int port = port(spec.name(), index);
        Map<String, String> env = infrastructure.serviceEnvironment(spec);
        if (spec.isGateway() && index > 0) {
            // a second gateway on this host needs its own facade port and certificate directory
            env.put("OPSUITE_PVE_HTTPS_PORT", Integer.toString(facadePorts.get(index - 1)));
            env.put(
                    "OPSUITE_PVE_HTTPS_SELF_SIGNED_DIR",
                    config.home().resolve("pve-facade-tls-" + index).toString());
        }
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        String instance = instanceId(spec.name(), index);
        env.put("OPSUITE_" + spec.name().toUpperCase(Locale.ROOT) + "_INSTANCE_ID", instance);
        if (spec.isGateway()) {
            for (ServiceSpec upstream : ServiceSpec.upstreams()) {
                List<Integer> list = ports.get(upstream.name());
                env.put(
                        upstream.gatewayUpstreamVariable(),
                        list.isEmpty()
                                ? "http://localhost:" + config.port(upstream.name())
                                : list.stream()
                                        .map(p -> "http://localhost:" + p)
                                        .collect(Collectors.joining(",")));
            }
        }
        // its own log and pid file: the launcher stops a process found under a service's pid file
        ServiceSpec named =
                new ServiceSpec(spec.isGateway() && index == 0 ? spec.name() : instance, spec.module(), port);
        ServiceProcess process = ServiceProcess.start(
                named,
                port,
                config.repoRoot(),
                env,
                config.serviceJvmOptions(),
                config.logDirectory(),
                config.home().resolve("pids"),
                console);
        running.put(key, process);
        console.accept(process.prefix() + "starting " + spec.module() + " on port " + port + " (pid "
                + process.process().pid() + ")");
        return process;
    }

    private int port(String service, int index) {
        List<Integer> list = "gateway".equals(service) ? gatewayPorts : ports.get(service);
        if (list == null || index < 0 || index >= list.size()) {
            throw new IllegalArgumentException(service + " has no instance " + index);
        }
        return list.get(index);
    }

    private static ServiceSpec spec(String service) {
        return ServiceSpec.ALL.stream()
                .filter(s -> s.name().equals(service))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown service " + service));
    }

    private static ServiceSpec gatewaySpec() {
        return spec("gateway");
    }

    private static String key(String service, int index) {
        return instanceId(service, index);
    }
}
