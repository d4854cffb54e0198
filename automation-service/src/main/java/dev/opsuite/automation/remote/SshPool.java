package dev.opsuite.automation.remote;

import dev.opsuite.automation.AutomationConfig;
import dev.opsuite.automation.domain.Login;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import org.jboss.logging.Logger;

/**
 * Pooled, authenticated sshj connections, one per (node, login), shared by concurrent sessions (an
 * OpenSSH server allows ten sessions per connection by default; past {@link #SESSIONS_PER_CONNECTION}
 * a second connection is opened). At most {@code connection_pool_size} idle connections are kept;
 * keepalives detect dead peers; idle ones are closed after {@code idle-connection-timeout}.
 */
@ApplicationScoped
public class SshPool {
    private static final Logger LOG = Logger.getLogger(SshPool.class);
    static final int SESSIONS_PER_CONNECTION = 8;

    private final AutomationConfig config;
    private final HostKeyRecorder recorder;
    private final Map<String, List<Pooled>> pool = new LinkedHashMap<>();
    private volatile int maxIdle = 20;

    public SshPool(AutomationConfig config, HostKeyRecorder recorder) {
        this.config = config;
        this.recorder = recorder;
    }

    /** A session lease: the session plus the connection to give back. */
    public final class Lease implements AutoCloseable {
        private final Pooled connection;
        private final Session session;

        Lease(Pooled connection, Session session) {
            this.connection = connection;
            this.session = session;
        }

        public Session session() {
            return session;
        }

        public SSHClient client() {
            return connection.client;
        }

        /** Opens another session on the same connection (e.g. to kill what the first one started). */
        public Session extraSession() throws IOException {
            return connection.client.startSession();
        }

        @Override
        public void close() {
            try {
                session.close();
            } catch (IOException e) {
                // the channel is gone already
            }
            release(connection);
        }
    }

    static final class Pooled {
        final String key;
        final SSHClient client;
        final String hostKey;
        int sessions;
        long lastUsed = System.nanoTime();

        Pooled(String key, SSHClient client, String hostKey) {
            this.key = key;
            this.client = client;
            this.hostKey = hostKey;
        }
    }

    public void resize(int poolSize) {
        this.maxIdle = Math.max(1, poolSize);
    }

    /** Opens a session on a pooled connection to the node, connecting and authenticating if needed. */
    public Lease open(NodeTarget node, Login login) throws SshFailure {
        String key = key(node, login);
        Pooled connection = borrow(key);
        if (connection == null) {
            connection = connect(key, node, login);
        }
        try {
            return new Lease(connection, connection.client.startSession());
        } catch (IOException e) {
            // a pooled connection that died since its last use: drop it and try once with a fresh one
            discard(connection);
            Pooled fresh = connect(key, node, login);
            try {
                return new Lease(fresh, fresh.client.startSession());
            } catch (IOException again) {
                discard(fresh);
                throw new SshFailure(
                        "could not open an SSH session on node " + node.name() + ": " + again.getMessage());
            }
        }
    }

    /**
     * Connects (or reuses a connection) with full host key verification and authentication and returns
     * the verified host key in OpenSSH one-line form, for tools that need a known_hosts file.
     */
    public String verifiedHostKey(NodeTarget node, Login login) throws SshFailure {
        String key = key(node, login);
        Pooled connection = borrow(key);
        if (connection == null) {
            connection = connect(key, node, login);
        }
        release(connection);
        return connection.hostKey;
    }

    private synchronized Pooled borrow(String key) {
        List<Pooled> list = pool.get(key);
        if (list == null) {
            return null;
        }
        list.removeIf(p -> !p.client.isConnected() || !p.client.isAuthenticated());
        for (Pooled p : list) {
            if (p.sessions < SESSIONS_PER_CONNECTION) {
                p.sessions++;
                p.lastUsed = System.nanoTime();
                return p;
            }
        }
        return null;
    }

    private Pooled connect(String key, NodeTarget node, Login login) throws SshFailure {
        DefaultConfig sshConfig = new DefaultConfig();
        sshConfig.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        SSHClient client = new SSHClient(sshConfig);
        HostKeyCheck check = new HostKeyCheck(node, recorder);
        client.addHostKeyVerifier(check);
        int timeout = (int) config.connectTimeout().toMillis();
        client.setConnectTimeout(timeout);
        client.getTransport().setTimeoutMs(timeout);
        try {
            client.connect(node.host(), node.port());
        } catch (TransportException e) {
            close(client);
            if (check.problem() != null) {
                throw new SshFailure(check.problem());
            }
            throw new SshFailure("SSH handshake with node " + node.name() + " (" + node.host() + ":" + node.port()
                    + ") failed: " + e.getMessage());
        } catch (IOException e) {
            close(client);
            throw new SshFailure("cannot connect to node " + node.name() + " (" + node.host() + ":" + node.port()
                    + "): " + e.getMessage() + "; check the address, the port and that sshd runs");
        }
        client.getConnection().getKeepAlive().setKeepAliveInterval((int)
                Math.max(1, config.keepAlive().toSeconds()));
        try {
            if (login.usesKey()) {
                client.authPublickey(login.username(), SshKeys.load(client, login.privateKey(), login.passphrase()));
            } else {
                client.authPassword(login.username(), login.password() == null ? "" : login.password());
            }
        } catch (UserAuthException e) {
            close(client);
            throw new SshFailure("node " + node.name() + " refused login as " + login.username() + " with credential "
                    + login.credentialId() + " (" + (login.usesKey() ? "private key" : "password")
                    + "): check the credential and the node's authorized_keys");
        } catch (IOException e) {
            close(client);
            throw new SshFailure("authentication on node " + node.name() + " failed: " + e.getMessage());
        }
        Pooled p = new Pooled(key, client, check.acceptedKey());
        p.sessions = 1;
        synchronized (this) {
            pool.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
        }
        return p;
    }

    private void release(Pooled p) {
        List<Pooled> toClose = new ArrayList<>();
        synchronized (this) {
            p.sessions--;
            p.lastUsed = System.nanoTime();
            if (!p.client.isConnected()) {
                remove(p);
                toClose.add(p);
            }
            int idle = 0;
            for (List<Pooled> list : pool.values()) {
                for (Pooled q : list) {
                    if (q.sessions == 0) {
                        idle++;
                    }
                }
            }
            // over the pool size: close the least recently used idle connections
            while (idle > maxIdle) {
                Pooled oldest = null;
                for (List<Pooled> list : pool.values()) {
                    for (Pooled q : list) {
                        if (q.sessions == 0 && (oldest == null || q.lastUsed < oldest.lastUsed)) {
                            oldest = q;
                        }
                    }
                }
                if (oldest == null) {
                    break;
                }
                remove(oldest);
                toClose.add(oldest);
                idle--;
            }
        }
        toClose.forEach(q -> close(q.client));
    }

    private void discard(Pooled p) {
        synchronized (this) {
            remove(p);
        }
        close(p.client);
    }

    private void remove(Pooled p) {
        List<Pooled> list = pool.get(p.key);
        if (list != null) {
            list.remove(p);
            if (list.isEmpty()) {
                pool.remove(p.key);
            }
        }
    }

    @Scheduled(every = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeIdle() {
        long limit = config.idleConnectionTimeout().toNanos();
        List<Pooled> toClose = new ArrayList<>();
        synchronized (this) {
            for (List<Pooled> list : new ArrayList<>(pool.values())) {
                for (Pooled p : new ArrayList<>(list)) {
                    if (p.sessions == 0 && System.nanoTime() - p.lastUsed > limit) {
                        remove(p);
                        toClose.add(p);
                    }
                }
            }
        }
        toClose.forEach(p -> close(p.client));
    }

    /** Drops every pooled connection of a node (its key or address changed). */
    public void forget(String cluster, String nodeName) {
        List<Pooled> toClose = new ArrayList<>();
        synchronized (this) {
            for (List<Pooled> list : new ArrayList<>(pool.values())) {
                for (Pooled p : new ArrayList<>(list)) {
                    if (p.key.startsWith(cluster + "/" + nodeName + "@") && p.sessions == 0) {
                        remove(p);
                        toClose.add(p);
                    }
                }
            }
        }
        toClose.forEach(p -> close(p.client));
    }

    public synchronized int size() {
        return pool.values().stream().mapToInt(List::size).sum();
    }

    void shutdown(@Observes ShutdownEvent event) {
        List<Pooled> all = new ArrayList<>();
        synchronized (this) {
            pool.values().forEach(all::addAll);
            pool.clear();
        }
        all.forEach(p -> close(p.client));
    }

    private static void close(SSHClient client) {
        try {
            client.disconnect();
        } catch (IOException | RuntimeException e) {
            LOG.debugf("closing an SSH connection: %s", e.getMessage());
        }
    }

    /** Connections are shared only by runs with the same node, address, pin and login material. */
    private static String key(NodeTarget node, Login login) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {
                login.username(), login.password(), login.privateKey(), login.passphrase(), node.fingerprint()
            }) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return node.cluster() + "/" + node.name() + "@" + node.host() + ":" + node.port() + "#"
                    + login.credentialId() + ":" + HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
