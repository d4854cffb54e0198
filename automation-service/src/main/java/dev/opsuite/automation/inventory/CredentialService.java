package dev.opsuite.automation.inventory;

import dev.opsuite.automation.audit.AuditLog;
import dev.opsuite.automation.domain.Credential;
import dev.opsuite.automation.domain.Login;
import dev.opsuite.automation.remote.SshKeys;
import dev.opsuite.common.crypto.SecretBox;
import dev.opsuite.common.error.ApiException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Credentials: secrets are sealed with SecretBox, bound to the row ("credential:&lt;id&gt;:&lt;field&gt;"),
 * never returned and never logged; an empty secret on update keeps the stored one.
 */
@ApplicationScoped
public class CredentialService {
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}\\$?", Pattern.CASE_INSENSITIVE);

    public record CredentialPage(long total, List<Credential> credentials) {}

    private final SecretBox secrets;

    private final AuditLog audit;

    public CredentialService(SecretBox secrets, AuditLog audit) {
        this.secrets = secrets;
        this.audit = audit;
    }

    @WithSession
    public Uni<CredentialPage> list(int offset, int limit) {
        return Credential.count()
                .chain(total -> Credential.<Credential>findAll(Sort.by("id"))
                        .page(Page.of(offset / limit, limit))
                        .list()
                        .map(list -> new CredentialPage(total, list)));
    }

    @WithSession
    public Uni<Credential> get(long id) {
        return find(id);
    }

    @WithTransaction
    public Uni<Credential> create(CredentialSpec spec) {
        Names.require("name", spec.name());
        Credential c = new Credential();
        c.name = spec.name();
        c.username = user("username", spec.username());
        c.authType = authType(spec.authType());
        c.clusterName = spec.clusterName() == null || spec.clusterName().isEmpty()
                ? null
                : Names.require("cluster_name", spec.clusterName());
        c.nodePattern = pattern(spec.nodePattern());
        c.isDefault = Boolean.TRUE.equals(spec.isDefault());
        c.createdAt = OffsetDateTime.now();
        c.updatedAt = c.createdAt;
        requireSecretFor(c.authType, spec.password(), spec.privateKey(), null);
        checkKey(spec.privateKey(), spec.passphrase());
        return Credential.count("name", c.name)
                .chain(n -> {
                    if (n > 0) {
                        throw ApiException.conflict("credential " + c.name + " already exists");
                    }
                    return c.<Credential>persist();
                })
                .chain(saved -> Panache.flush().map(v -> saved))
                .map(saved -> {
                    seal(saved, spec);
                    applyBecome(saved, spec.become());
                    return saved;
                })
                .call(saved -> audit.record("create", "credential", saved.id, null, saved, saved.name));
    }

    @WithTransaction
    public Uni<Credential> update(long id, CredentialSpec spec) {
        Map<String, Object>[] before = new Map[1];
        return find(id).map(c -> {
                    before[0] = AuditLog.snapshot(c);
                    if (spec.name() != null && !spec.name().equals(c.name)) {
                        c.name = Names.require("name", spec.name());
                    }
                    if (spec.username() != null) {
                        c.username = user("username", spec.username());
                    }
                    if (spec.authType() != null) {
                        c.authType = authType(spec.authType());
                    }
                    if (spec.clusterName() != null) {
                        c.clusterName =
                                spec.clusterName().isEmpty() ? null : Names.require("cluster_name", spec.clusterName());
                    }
                    if (spec.nodePattern() != null) {
                        c.nodePattern = pattern(spec.nodePattern());
                    }
                    if (spec.isDefault() != null) {
                        c.isDefault = spec.isDefault();
                    }
                    requireSecretFor(c.authType, spec.password(), spec.privateKey(), c);
                    if (spec.privateKey() != null && !spec.privateKey().isEmpty()) {
                        String passphrase =
                                spec.passphrase() != null && !spec.passphrase().isEmpty()
                                        ? spec.passphrase()
                                        : open(c, "passphrase", c.passphraseEnc);
                        checkKey(spec.privateKey(), passphrase);
                    }
                    seal(c, spec);
                    applyBecome(c, spec.become());
                    c.updatedAt = OffsetDateTime.now();
                    return c;
                })
                .call(c -> Credential.count("name = ?1 and id <> ?2", c.name, c.id)
                        .map(n -> {
                            if (n > 0) {
                                throw ApiException.conflict("credential " + c.name + " already exists");
                            }
                            return n;
                        }))
                .call(c -> audit.record("update", "credential", c.id, before[0], c, c.name));
    }

    @WithTransaction
    public Uni<Void> delete(long id) {
        return find(id).call(c -> audit.record("delete", "credential", c.id, c, null, c.name))
                .chain(c -> c.delete());
    }

    /**
     * The login to use on {@code nodes} of {@code cluster}: the given credential, or the cluster's
     * default when none is given. 422 when it is limited to another cluster or other nodes.
     */
    @WithSession
    public Uni<Login> resolve(Long credentialId, String cluster, List<String> nodes) {
        Uni<Credential> lookup = credentialId != null
                ? find(credentialId)
                : Credential.<Credential>find(
                                "isDefault = true and (clusterName is null or clusterName = ?1)",
                                Sort.descending("clusterName").and("id"),
                                cluster)
                        .firstResult()
                        .map(c -> {
                            if (c == null) {
                                throw ApiException.unprocessable(
                                        "credential_id is required: no default credential for cluster " + cluster);
                            }
                            return c;
                        });
        return lookup.map(c -> {
            if (c.clusterName != null && !c.clusterName.equals(cluster)) {
                throw ApiException.unprocessable(
                        "credential " + c.id + " is limited to cluster " + c.clusterName + ", not " + cluster);
            }
            if (c.nodePattern != null) {
                PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + c.nodePattern);
                for (String node : nodes) {
                    if (!matcher.matches(Path.of(node))) {
                        throw ApiException.unprocessable("credential " + c.id + " does not apply to node " + node
                                + " (node_pattern " + c.nodePattern + ")");
                    }
                }
            }
            return login(c);
        });
    }

    Login login(Credential c) {
        return new Login(
                c.id,
                c.username,
                open(c, "password", c.passwordEnc),
                open(c, "private_key", c.privateKeyEnc),
                open(c, "passphrase", c.passphraseEnc),
                c.becomeMethod,
                c.becomeUser,
                open(c, "become_password", c.becomePasswordEnc));
    }

    private Uni<Credential> find(long id) {
        return Credential.<Credential>findById(id).map(c -> {
            if (c == null) {
                throw ApiException.notFound("凭据 ID " + id + " 不存在");
            }
            return c;
        });
    }

    private void seal(Credential c, CredentialSpec spec) {
        if (notEmpty(spec.password())) {
            c.passwordEnc = seal(c, "password", spec.password());
        }
        if (notEmpty(spec.privateKey())) {
            c.privateKeyEnc = seal(c, "private_key", spec.privateKey());
        }
        if (notEmpty(spec.passphrase())) {
            c.passphraseEnc = seal(c, "passphrase", spec.passphrase());
        }
    }

    private void applyBecome(Credential c, CredentialSpec.Become become) {
        if (become == null) {
            return;
        }
        if (become.method() == null || become.method().isEmpty()) {
            c.becomeMethod = null;
            c.becomeUser = null;
            c.becomePasswordEnc = null;
            return;
        }
        if (!become.method().equals("sudo") && !become.method().equals("su")) {
            throw ApiException.badRequest("validation_failed", "become.method must be sudo or su");
        }
        c.becomeMethod = become.method();
        c.becomeUser = become.user() == null || become.user().isEmpty() ? "root" : user("become.user", become.user());
        if (notEmpty(become.password())) {
            c.becomePasswordEnc = seal(c, "become_password", become.password());
        }
    }

    private String seal(Credential c, String field, String value) {
        return secrets.encrypt(value.getBytes(StandardCharsets.UTF_8), "credential:" + c.id + ":" + field);
    }

    private String open(Credential c, String field, String sealed) {
        return sealed == null
                ? null
                : new String(secrets.decrypt(sealed, "credential:" + c.id + ":" + field), StandardCharsets.UTF_8);
    }

    private static void requireSecretFor(String authType, String password, String privateKey, Credential existing) {
        if ("password".equals(authType) && !notEmpty(password) && (existing == null || existing.passwordEnc == null)) {
            throw ApiException.badRequest("validation_failed", "password is required for auth_type password");
        }
        if ("privatekey".equals(authType)
                && !notEmpty(privateKey)
                && (existing == null || existing.privateKeyEnc == null)) {
            throw ApiException.badRequest("validation_failed", "private_key is required for auth_type privatekey");
        }
    }

    private static void checkKey(String privateKey, String passphrase) {
        if (!notEmpty(privateKey)) {
            return;
        }
        if (privateKey.length() > 64 * 1024) {
            throw ApiException.badRequest("validation_failed", "private_key is too large");
        }
        String problem = SshKeys.problem(privateKey, passphrase);
        if (problem != null) {
            throw ApiException.unprocessable(problem);
        }
    }

    private static String authType(String value) {
        if (!"password".equals(value) && !"privatekey".equals(value)) {
            throw ApiException.badRequest("validation_failed", "auth_type must be password or privatekey");
        }
        return value;
    }

    private static String user(String field, String value) {
        if (value == null || !USER.matcher(value).matches()) {
            throw ApiException.badRequest("validation_failed", field + " must be a POSIX user name");
        }
        return value;
    }

    private static String pattern(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > 200) {
            throw ApiException.badRequest("validation_failed", "node_pattern is too long");
        }
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("validation_failed", "node_pattern is not a valid glob");
        }
        return value;
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
