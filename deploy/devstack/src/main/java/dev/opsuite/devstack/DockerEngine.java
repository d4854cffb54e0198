package dev.opsuite.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether a Docker engine answers, asked the way the Engine API documents it ({@code GET /_ping} →
 * {@code 200 OK}), over {@code DOCKER_HOST} (unix:// or tcp://) or the default socket. Plain JDK: deciding
 * never loads Testcontainers.
 */
public final class DockerEngine {
    static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final SocketAddress address;
    private final String description;

    private DockerEngine(SocketAddress address, String description) {
        this.address = address;
        this.description = description;
    }

    /** Where Docker clients (and Testcontainers) look: DOCKER_HOST, else the default socket; null if neither is usable. */
    public static DockerEngine locate(Map<String, String> env) {
        String dockerHost = env.get("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            URI uri = URI.create(dockerHost.trim());
            return switch (uri.getScheme()) {
                case "unix" -> new DockerEngine(UnixDomainSocketAddress.of(uri.getPath()), dockerHost);
                case "tcp" -> new DockerEngine(new InetSocketAddress(uri.getHost(), uri.getPort()), dockerHost);
                default -> null; // ssh:// and npipe:// are not checked here
            };
        }
        return Files.exists(DEFAULT_SOCKET)
                ? new DockerEngine(UnixDomainSocketAddress.of(DEFAULT_SOCKET), "unix://" + DEFAULT_SOCKET)
                : null;
    }

    static DockerEngine at(SocketAddress address) {
        return new DockerEngine(address, address.toString());
    }

    /** True when the engine answers {@code GET /_ping} with 200 and "OK" within two seconds. */
    public boolean answers() {
        CompletableFuture<Boolean> ping = CompletableFuture.supplyAsync(this::ping);
        try {
            return ping.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            ping.cancel(true);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean ping() {
        try (SocketChannel channel = address instanceof UnixDomainSocketAddress
                ? SocketChannel.open(StandardProtocolFamily.UNIX)
                : SocketChannel.open()) {
            channel.connect(address);
            channel.write(ByteBuffer.wrap("GET /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buffer = ByteBuffer.allocate(4096);
            StringBuilder response = new StringBuilder();
            while (channel.read(buffer) > 0 && response.length() < 65536) {
                buffer.flip();
                response.append(StandardCharsets.US_ASCII.decode(buffer));
                buffer.clear();
            }
            String text = response.toString();
            return text.startsWith("HTTP/1.1 200") && text.endsWith("OK");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
