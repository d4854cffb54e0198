package dev.opsuite.devstack.pve;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A Proxmox VE cluster for tests and benchmarks: one {@link PveTestNode} (its own HTTPS port and
 * certificate) per node, sharing one cluster state, authenticating one API token
 * ({@code root@pam!opsuite} by default). Built from PVE's published API schema; see {@link PveApi}.
 *
 * <pre>
 * try (PveTestCluster pve = PveTestCluster.builder().start()) {
 *     pve.node(0).port(); pve.node(0).fingerprint(); pve.tokenId(); pve.tokenSecret();
 *     pve.faults().failNext(1, "/cluster/resources", 596, "Broken pipe");
 *     pve.node(1).stop();
 * }
 * </pre>
 */
public final class PveTestCluster implements AutoCloseable {

    public static final class Builder {
        private String name = "opsuite-test";
        private List<String> nodes = List.of("pve1", "pve2");
        private List<Integer> ports = List.of();
        private String tokenId = "root@pam!opsuite";
        private String tokenSecret = UUID.randomUUID().toString();
        private Duration taskDuration = Duration.ofMillis(400);
        private Duration lockTimeout = Duration.ofSeconds(1);
        private int eventLoops = 2;

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder nodes(String... nodes) {
            this.nodes = List.of(nodes);
            return this;
        }

        /** Fixed ports, one per node; default: free ports. */
        public Builder ports(Integer... ports) {
            this.ports = List.of(ports);
            return this;
        }

        public Builder token(String tokenId, String secret) {
            this.tokenId = tokenId;
            this.tokenSecret = secret;
            return this;
        }

        /** How long a worker task (create, start, stop, destroy) runs and holds the guest's lock. */
        public Builder taskDuration(Duration d) {
            this.taskDuration = d;
            return this;
        }

        /** How long a write waits for a guest's config lock before PVE's "got timeout" (PVE: 10 s). */
        public Builder lockTimeout(Duration d) {
            this.lockTimeout = d;
            return this;
        }

        public Builder eventLoops(int n) {
            this.eventLoops = n;
            return this;
        }

        public PveTestCluster start() {
            PveTestCluster cluster = new PveTestCluster(this);
            cluster.nodes.forEach(PveTestNode::start);
            return cluster;
        }
    }

    private final Vertx vertx;
    private final PveState state;
    private final PveFaults faults = new PveFaults();
    private final PveTestControl control;
    private final List<PveTestNode> nodes = new ArrayList<>();
    private final String tokenId;
    private final String tokenSecret;

    private PveTestCluster(Builder b) {
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(b.eventLoops));
        this.state = new PveState(b.name, b.nodes);
        this.tokenId = b.tokenId;
        this.tokenSecret = b.tokenSecret;
        this.control = new PveTestControl(this);
        PveApi api = new PveApi(vertx, state, faults, b.taskDuration, b.lockTimeout);
        for (int i = 0; i < b.nodes.size(); i++) {
            int port = i < b.ports.size() ? b.ports.get(i) : 0;
            nodes.add(new PveTestNode(vertx, b.nodes.get(i), state, api, this, port));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public String name() {
        return state.clusterName();
    }

    public List<PveTestNode> nodes() {
        return List.copyOf(nodes);
    }

    public PveTestNode node(int index) {
        return nodes.get(index);
    }

    /** {@code user@realm!name} */
    public String tokenId() {
        return tokenId;
    }

    public String tokenSecret() {
        return tokenSecret;
    }

    /** The header a PVE client sends: {@code PVEAPIToken=<tokenId>=<secret>}. */
    public String authorizationHeader() {
        return "PVEAPIToken=" + tokenId + "=" + tokenSecret;
    }

    public PveFaults faults() {
        return faults;
    }

    /** How many requests reached any node with exactly this path and query (e.g. {@code /api2/json/cluster/resources}). */
    public long requests(String pathAndQuery) {
        return state.requests(pathAndQuery);
    }

    public Map<String, Long> requestCounts() {
        return state.requestCounts();
    }

    public void resetRequestCounts() {
        state.resetCounts();
    }

    /** Whether a guest with this id exists (tests of nextid reservations and creates). */
    public boolean guestExists(int vmid) {
        return state.vmidUsed(vmid);
    }

    PveTestControl control() {
        return control;
    }

    String tokenUser() {
        return tokenId;
    }

    boolean acceptsToken(String authorization) {
        String value = authorization.trim();
        String expected = tokenId + "=" + tokenSecret;
        if (!value.startsWith("PVEAPIToken=") && !value.startsWith("PVEAPIToken ")) {
            return false;
        }
        return MessageDigest.isEqual(
                value.substring("PVEAPIToken=".length()).trim().getBytes(), expected.getBytes());
    }

    @Override
    public void close() {
        for (PveTestNode n : nodes) {
            try {
                n.stop();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }
        vertx.close();
    }
}
