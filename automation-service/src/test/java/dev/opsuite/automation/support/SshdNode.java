package dev.opsuite.automation.support;

import dev.opsuite.devstack.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real OpenSSH sshd on a loopback port, with its own host key, config and authorized_keys in a temp
 * directory ({@code UsePAM no}), logging in as the user running the tests. Started by the tests
 * themselves; stopped when the JVM exits.
 */
public final class SshdNode {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final List<SshdNode> STARTED = new ArrayList<>();
    private static KeyPair clientKey;

    public final String name;
    public final int port;
    public final Path dir;
    public final String fingerprint;
    private Process process;

    private SshdNode(String name, int port, Path dir, String fingerprint) {
        this.name = name;
        this.port = port;
        this.dir = dir;
        this.fingerprint = fingerprint;
    }

    /** The key every test node accepts (OpenSSH ed25519, no passphrase). */
    public static synchronized KeyPair clientKey() {
        if (clientKey == null) {
            clientKey = KeyPair.generate(Path.of("target/test-keys"), "client-ed25519", "ed25519", null);
        }
        return clientKey;
    }

    public static synchronized SshdNode start(String name) {
        return start(name, "");
    }

    /** @param extraConfig more sshd_config lines */
    public static synchronized SshdNode start(String name, String extraConfig) {
        if (!Files.isExecutable(SSHD)) {
            throw new IllegalStateException("/usr/sbin/sshd is missing: install Debian's openssh-server");
        }
        try {
            Files.createDirectories(Path.of("/run/sshd"));
            Path dir = Files.createTempDirectory("opsuite-sshd-" + name + "-");
            Proc.run(List.of(
                    "ssh-keygen",
                    "-q",
                    "-t",
                    "ed25519",
                    "-N",
                    "",
                    "-f",
                    dir.resolve("host_ed25519").toString()));
            Files.writeString(dir.resolve("authorized_keys"), clientKey().publicKey() + "\n");
            // sshd reads authorized_keys as the login user: other test users (become) must reach it
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(dir.resolve("authorized_keys"), PosixFilePermissions.fromString("rw-r--r--"));
            int port = freePort();
            Files.writeString(
                    dir.resolve("sshd_config"),
                    String.join(
                            "\n",
                            "Port " + port,
                            "ListenAddress 127.0.0.1",
                            "HostKey " + dir.resolve("host_ed25519"),
                            "PidFile " + dir.resolve("sshd.pid"),
                            "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                            "UsePAM no",
                            "StrictModes no",
                            "PermitRootLogin yes",
                            "PasswordAuthentication no",
                            "KbdInteractiveAuthentication no",
                            "PubkeyAuthentication yes",
                            "MaxSessions 30",
                            "MaxStartups 200:30:400",
                            "LogLevel ERROR",
                            extraConfig,
                            ""));
            String fp = KeyPair.fingerprintOf(dir.resolve("host_ed25519.pub"));
            SshdNode node = new SshdNode(name, port, dir, fp);
            node.launch();
            STARTED.add(node);
            return node;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start sshd " + name + ": " + e.getMessage(), e);
        }
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(
                        SSHD.toString(),
                        "-D",
                        "-e",
                        "-f",
                        dir.resolve("sshd_config").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.log").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "sshd " + name + " exited: " + Files.readString(dir.resolve("sshd.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        throw new IllegalStateException("sshd " + name + " did not listen on " + port);
    }

    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(SshdNode::stop)));
    }

    public static int freePort() {
        return FreePorts.pick();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
