package dev.opsuite.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.opsuite.devstack.DevstackBackend.Selection;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * -Dopsuite.devstack selects embedded (default) or Testcontainers. The container path itself needs a
 * Docker engine and runs in {@link ContainerBackendTest} only where one answers; here the decision is
 * tested against a real Unix-socket server that speaks the Engine API's /_ping as documented.
 */
class DevstackBackendTest {
    private static final Predicate<String> TESTCONTAINERS_PRESENT = name -> true;

    @TempDir
    Path dir;

    @Test
    void withoutThePropertyTheStackIsEmbeddedAndNoEngineIsAsked() {
        DockerEngine neverAsked = DockerEngine.at(UnixDomainSocketAddress.of(dir.resolve("absent.sock")));
        assertEquals(
                DevstackBackend.EMBEDDED,
                DevstackBackend.select(null, neverAsked, TESTCONTAINERS_PRESENT).backend());
        assertEquals(
                DevstackBackend.EMBEDDED,
                DevstackBackend.select("embedded", neverAsked, TESTCONTAINERS_PRESENT)
                        .backend());
    }

    @Test
    void anUnknownBackendNameIsRefusedWithTheChoices() {
        DevstackException e = assertThrows(
                DevstackException.class, () -> DevstackBackend.select("docker", null, TESTCONTAINERS_PRESENT));
        assertTrue(e.getMessage().contains("use embedded (default) or containers"), e.getMessage());
    }

    @Test
    void containersWithoutAConfiguredEngineStayEmbeddedAndSayWhy() {
        Selection selection = DevstackBackend.select("containers", null, TESTCONTAINERS_PRESENT);
        assertEquals(DevstackBackend.EMBEDDED, selection.backend());
        assertTrue(selection.reason().contains("no Docker engine is configured"), selection.reason());
    }

    @Test
    void containersWithASocketNobodyListensOnStayEmbedded() {
        DockerEngine silent = DockerEngine.at(UnixDomainSocketAddress.of(dir.resolve("nobody.sock")));
        Selection selection = DevstackBackend.select("containers", silent, TESTCONTAINERS_PRESENT);
        assertEquals(DevstackBackend.EMBEDDED, selection.backend());
        assertTrue(selection.reason().contains("does not answer GET /_ping"), selection.reason());
    }

    @Test
    void containersWithAnEngineThatAnswersPingAreUsedWhenTestcontainersIsPresent() throws Exception {
        try (FakeEngine engine = FakeEngine.answering(dir.resolve("docker.sock"), "HTTP/1.1 200 OK", "OK")) {
            Selection selection = DevstackBackend.select("containers", engine.client(), TESTCONTAINERS_PRESENT);
            assertEquals(DevstackBackend.CONTAINERS, selection.backend(), selection.reason());
            assertEquals("GET /_ping HTTP/1.1", engine.firstRequestLine());
        }
    }

    @Test
    void anEngineAnsweringAnErrorIsNotUsed() throws Exception {
        try (FakeEngine engine = FakeEngine.answering(
                dir.resolve("docker.sock"), "HTTP/1.1 500 Internal Server Error", "daemon error")) {
            assertEquals(
                    DevstackBackend.EMBEDDED,
                    DevstackBackend.select("containers", engine.client(), TESTCONTAINERS_PRESENT)
                            .backend());
        }
    }

    @Test
    void containersWithoutTestcontainersOnTheClassPathStayEmbeddedAndSayWhatToAdd() throws Exception {
        try (FakeEngine engine = FakeEngine.answering(dir.resolve("docker.sock"), "HTTP/1.1 200 OK", "OK")) {
            Selection selection = DevstackBackend.select("containers", engine.client(), name -> false);
            assertEquals(DevstackBackend.EMBEDDED, selection.backend());
            assertTrue(selection.reason().contains("org.testcontainers:postgresql"), selection.reason());
        }
    }

    @Test
    void theClassPathCheckFindsTestcontainersWithoutLoadingIt() {
        // devstack's own tests have the optional dependency; services do not unless they add it
        assertTrue(DevstackBackend.isOnClassPath(
                DevstackBackend.TESTCONTAINERS_MARKER, getClass().getClassLoader()));
        assertFalse(
                DevstackBackend.isOnClassPath("org.example.Absent", getClass().getClassLoader()));
    }

    @Test
    void theEngineIsLocatedLikeDockerClientsDo() {
        assertEquals(
                "unix:///run/user/1000/docker.sock",
                DockerEngine.locate(Map.of("DOCKER_HOST", "unix:///run/user/1000/docker.sock"))
                        .toString());
        assertEquals(
                "tcp://127.0.0.1:2375",
                DockerEngine.locate(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375"))
                        .toString());
        assertNull(DockerEngine.locate(Map.of("DOCKER_HOST", "ssh://user@host")), "ssh engines are not probed");
        DockerEngine fallback = DockerEngine.locate(Map.of());
        assertEquals(Files.exists(DockerEngine.DEFAULT_SOCKET), fallback != null, "the default socket when it exists");
    }

    /** A Unix-socket HTTP server answering one request the way dockerd answers /_ping. */
    private static final class FakeEngine implements AutoCloseable {
        private final ServerSocketChannel server;
        private final Path socket;
        private final Thread thread;
        private volatile String firstRequestLine;

        private FakeEngine(ServerSocketChannel server, Path socket, String statusLine, String body) {
            this.server = server;
            this.socket = socket;
            this.thread = new Thread(() -> serve(statusLine, body), "fake-docker-engine");
            thread.setDaemon(true);
            thread.start();
        }

        static FakeEngine answering(Path socket, String statusLine, String body) throws IOException {
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            return new FakeEngine(server, socket, statusLine, body);
        }

        private void serve(String statusLine, String body) {
            try (SocketChannel client = server.accept()) {
                ByteBuffer buffer = ByteBuffer.allocate(4096);
                StringBuilder request = new StringBuilder();
                while (!request.toString().contains("\r\n\r\n") && client.read(buffer) > 0) {
                    buffer.flip();
                    request.append(StandardCharsets.US_ASCII.decode(buffer));
                    buffer.clear();
                }
                firstRequestLine = request.toString().lines().findFirst().orElse("");
                String response = statusLine + "\r\nApi-Version: 1.47\r\nContent-Type: text/plain; charset=utf-8\r\n"
                        + "Content-Length: " + body.length() + "\r\n\r\n" + body;
                client.write(ByteBuffer.wrap(response.getBytes(StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                // the test fails on the answer it did not get
            }
        }

        DockerEngine client() {
            return DockerEngine.at(UnixDomainSocketAddress.of(socket));
        }

        String firstRequestLine() throws InterruptedException {
            thread.join(2000);
            return firstRequestLine;
        }

        @Override
        public void close() throws IOException {
            server.close();
            Files.deleteIfExists(socket);
        }
    }
}
