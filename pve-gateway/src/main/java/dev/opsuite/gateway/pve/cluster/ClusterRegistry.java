package dev.opsuite.gateway.pve.cluster;

import dev.opsuite.common.crypto.SecretBox;
import dev.opsuite.common.crypto.SecretBoxException;
import dev.opsuite.common.error.ApiException;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The registered clusters: admin CRUD (validation, the token secret sealed with SecretBox and never
 * returned) and, for the facade's request path, an in-memory directory with the decrypted
 * credentials, reloaded on every change here and every few seconds (changes made by other replicas).
 */
@ApplicationScoped
public class ClusterRegistry {
    private static final Logger LOG = Logger.getLogger(ClusterRegistry.class);
    private static final String SECRET_CONTEXT = "pve-cluster-token";

    /** A cluster with what calling it needs. */
    public record Target(PveCluster cluster, String authorization) {}

    private final ClusterRepository repository;
    private final SecretBox secrets;
    private volatile Map<String, Target> directory = Map.of();

    public ClusterRegistry(ClusterRepository repository, SecretBox secrets) {
        this.repository = repository;
        this.secrets = secrets;
    }

    void onStart(@Observes StartupEvent event) {
        reload().await().indefinitely();
    }

    @Scheduled(every = "${opsuite.pve.registry-refresh:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return reload().onFailure()
                .invoke(e -> LOG.warnf("reloading PVE clusters failed: %s", e.getMessage()))
                .onFailure()
                .recoverWithNull();
    }

    public Uni<Void> reload() {
        return repository
                .all()
                .invoke(list -> {
                    Map<String, Target> next = new LinkedHashMap<>();
                    for (PveCluster c : list) {
                        try {
                            next.put(c.name(), new Target(c, "PVEAPIToken=" + c.tokenId() + "=" + open(c)));
                        } catch (SecretBoxException e) {
                            LOG.errorf(
                                    "PVE cluster %s: its token secret cannot be decrypted (%s); check opsuite.secrets.keys",
                                    c.name(), e.getMessage());
                        }
                    }
                    directory = Collections.unmodifiableMap(next);
                })
                .replaceWithVoid();
    }

    // ---- admin

    public Uni<List<PveCluster>> list() {
        return repository.all();
    }

    public Uni<PveCluster> get(String name) {
        if (!isPlausibleName(name)) {
            return Uni.createFrom().failure(unknown(name));
        }
        return repository.byName(name).map(found -> found.orElseThrow(() -> unknown(name)));
    }

    public Uni<PveCluster> create(ClusterSpec spec) {
        ClusterValues values = ClusterRules.check(spec, true, this::seal);
        return repository
                .insert(values)
                .map(created -> created.orElseThrow(() -> ApiException.conflict(
                        "cluster_exists", "A cluster named '" + values.name() + "' already exists")))
                .call(this::reload);
    }

    public Uni<PveCluster> update(String name, ClusterSpec spec) {
        ClusterValues values = ClusterRules.check(spec, false, this::seal);
        return repository
                .update(name, values)
                .onFailure(ClusterRegistry::isUniqueViolation)
                .transform(e -> ApiException.conflict(
                        "cluster_exists", "A cluster named '" + values.name() + "' already exists"))
                .map(updated -> updated.orElseThrow(() -> unknown(name)))
                .call(this::reload);
    }

    public Uni<Void> delete(String name) {
        return repository
                .delete(name)
                .invoke(deleted -> {
                    if (!deleted) {
                        throw unknown(name);
                    }
                })
                .call(this::reload)
                .replaceWithVoid();
    }

    // ---- the facade's view

    public Optional<Target> byName(String name) {
        return Optional.ofNullable(directory.get(name));
    }

    /** The cluster marked default, or the only one when none is marked. */
    public Optional<Target> defaultCluster() {
        Map<String, Target> d = directory;
        return d.values().stream()
                .filter(t -> t.cluster().isDefault())
                .findFirst()
                .or(() -> d.size() == 1 ? d.values().stream().findFirst() : Optional.empty());
    }

    /** Every cluster, the default first, then by name (merged views keep the first of duplicates). */
    public List<Target> targets() {
        return directory.values().stream()
                .sorted(Comparator.comparing((Target t) -> !t.cluster().isDefault())
                        .thenComparing(t -> t.cluster().name()))
                .toList();
    }

    public static ApiException unknown(String name) {
        String shown = isPlausibleName(name) ? name : "(not a cluster name)";
        return ApiException.notFound("Unknown PVE cluster '" + shown + "'");
    }

    /** No stored cluster has any other name: anything else (NUL, surrogates, slashes) is unknown without a query. */
    static boolean isPlausibleName(String name) {
        return name != null && ClusterRules.NAME.matcher(name).matches();
    }

    private String seal(String plaintext) {
        return secrets.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), SECRET_CONTEXT);
    }

    private String open(PveCluster c) {
        return new String(secrets.decrypt(c.tokenSecretCiphertext(), SECRET_CONTEXT), StandardCharsets.UTF_8);
    }

    private static boolean isUniqueViolation(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState());
    }
}
