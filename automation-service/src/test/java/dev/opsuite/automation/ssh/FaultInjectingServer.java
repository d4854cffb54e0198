package dev.opsuite.automation.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * An in-JVM Apache MINA SSHD whose "shell" reads the payload the service sends on stdin and misbehaves
 * on purpose: {@code @slow} writes a line every 200 ms, {@code @drop} cuts the TCP connection
 * mid-command, anything else echoes the payload and exits 0. Password login "tester"/"s3cret".
 */
final class FaultInjectingServer implements AutoCloseable {
    final SshServer server;

    FaultInjectingServer(Path hostKeyFile) throws IOException {
        this(hostKeyFile, 0);
    }

    FaultInjectingServer(Path hostKeyFile, int port) throws IOException {
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKeyFile));
        server.setPasswordAuthenticator(
                (user, password, session) -> "tester".equals(user) && "s3cret".equals(password));
        server.setCommandFactory((channel, command) -> new Behaviour());
        server.start();
    }

    int port() {
        return server.getPort();
    }

    String fingerprint() throws Exception {
        KeyPairProvider provider = server.getKeyPairProvider();
        PublicKey key = provider.loadKeys(null).iterator().next().getPublic();
        return KeyUtils.getFingerPrint(key);
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    static final class Behaviour implements Command, Runnable {
        private InputStream in;
        private OutputStream out;
        private ExitCallback exit;
        private ChannelSession channel;

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {}

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            this.channel = channel;
            Thread.ofVirtual().start(this);
        }

        @Override
        public void run() {
            try {
                ByteArrayOutputStream payload = new ByteArrayOutputStream();
                in.transferTo(payload);
                String text = payload.toString(StandardCharsets.UTF_8);
                if (text.contains("@drop")) {
                    out.write("partial\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    Thread.sleep(300);
                    channel.getSession().close(true);
                    return;
                }
                if (text.contains("@slow")) {
                    for (int i = 0; i < 1000; i++) {
                        out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        Thread.sleep(200);
                    }
                }
                out.write(("echo:" + Base64.getEncoder().encodeToString(payload.toByteArray()) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                exit.onExit(0);
            } catch (IOException | InterruptedException e) {
                exit.onExit(255, e.getMessage());
            }
        }

        @Override
        public void destroy(ChannelSession channel) {}
    }
}
