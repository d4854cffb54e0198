package dev.opsuite.gateway.pve.facade;

import dev.opsuite.gateway.pve.PveConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The facade's HTTPS listener (port 8443 by default): PVE clients only build
 * {@code https://host:port/api2/json/…} URLs. HTTP/1.1 only — no ALPN, so no client negotiates h2,
 * which has no reason phrase and PVE clients read their errors from it. The certificate comes from
 * config, or a self-signed pair is generated once and kept for local runs.
 */
@ApplicationScoped
public class FacadeHttpsServer {
    private static final Logger LOG = Logger.getLogger(FacadeHttpsServer.class);

    private final Vertx vertx;
    private final FacadeHandler handler;
    private final PveConfig.Https config;
    private volatile HttpServer server;

    public FacadeHttpsServer(Vertx vertx, FacadeHandler handler, PveConfig config) {
        this.vertx = vertx;
        this.handler = handler;
        this.config = config.https();
    }

    void start(@Observes StartupEvent event) throws Exception {
        if (!config.enabled()) {
            return;
        }
        PemKeyCertOptions keyCert = keyCert();
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setSsl(true)
                .setUseAlpn(false)
                .setKeyCertOptions(keyCert);
        Router router = Router.router(vertx);
        router.route().handler(rc -> {
            if (FacadeHandler.owns(rc.request().path())) {
                handler.handle(rc);
            } else {
                rc.response()
                        .setStatusCode(501)
                        .setStatusMessage("Not Implemented (only /api2/json here)")
                        .end();
            }
        });
        server = vertx.createHttpServer(options)
                .requestHandler(router)
                .listen()
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        LOG.infof("PVE facade listening on https://%s:%d/api2/json (HTTP/1.1)", config.host(), server.actualPort());
    }

    void stop(@Observes ShutdownEvent event) {
        HttpServer s = server;
        if (s != null) {
            s.close();
        }
    }

    /** The port actually bound (port 0 in tests picks a free one); -1 when not listening. */
    public int port() {
        HttpServer s = server;
        return s == null ? -1 : s.actualPort();
    }

    private PemKeyCertOptions keyCert() throws IOException {
        if (config.certFile().isPresent() && config.keyFile().isPresent()) {
            return new PemKeyCertOptions()
                    .setCertPath(config.certFile().get())
                    .setKeyPath(config.keyFile().get());
        }
        if (config.certFile().isPresent() != config.keyFile().isPresent()) {
            throw new IllegalStateException(
                    "opsuite.pve.https.cert-file and key-file go together: set both or neither");
        }
        Path dir = Path.of(config.selfSignedDir());
        Path cert = dir.resolve("facade-cert.pem");
        Path key = dir.resolve("facade-key.pem");
        if (!Files.exists(cert) || !Files.exists(key)) {
            SelfSignedCertificate generated = SelfSignedCertificate.generate();
            Files.createDirectories(dir);
            write(key, generated.privateKeyPem(), true);
            write(cert, generated.certificatePem(), false);
            LOG.infof(
                    "PVE facade: generated a self-signed certificate in %s (set opsuite.pve.https.cert-file/key-file for a real one)",
                    dir.toAbsolutePath());
        }
        return new PemKeyCertOptions()
                .setCertValue(Buffer.buffer(Files.readString(cert)))
                .setKeyValue(Buffer.buffer(Files.readString(key)));
    }

    private static void write(Path path, String content, boolean secret) {
        try {
            Files.writeString(path, content, StandardCharsets.US_ASCII);
            if (secret) {
                Files.setPosixFilePermissions(
                        path, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own protection applies
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
