package dev.opsuite.gateway.identity;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.security.Roles;
import dev.opsuite.gateway.token.RevocationEvents;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * User administration. The suite must always keep an enabled admin: demoting, disabling or deleting
 * the last one is refused (409), checked under row locks so concurrent requests cannot both pass.
 */
@ApplicationScoped
public class UserService {

    private final UserRepository users;
    private final PasswordHasher hasher;
    private final UserRules rules;
    private final RevocationEvents revocations;

    public UserService(UserRepository users, PasswordHasher hasher, UserRules rules, RevocationEvents revocations) {
        this.users = users;
        this.hasher = hasher;
        this.rules = rules;
        this.revocations = revocations;
    }

    public Uni<List<User>> list(int offset, int limit) {
        return users.list(offset, limit);
    }

    public Uni<Long> count() {
        return users.count();
    }

    public Uni<User> get(long id) {
        return users.findById(id).map(u -> u.orElseThrow(() -> notFound(id)));
    }

    public Uni<User> create(String username, String password, String role, Boolean enabled) {
        rules.checkNewUser(username, password, role);
        return hash(password)
                .chain(hash -> users.insert(username, hash, role, enabled == null || enabled))
                .map(created ->
                        created.orElseThrow(() -> ApiException.conflict("username_taken", "用户名已存在: " + username)));
    }

    /** Changes role and/or enabled flag; null leaves a field as it is. */
    public Uni<User> update(long id, String role, Boolean enabled) {
        rules.checkRole(role, false);
        return users.inTransaction(tx -> users.lockEnabledAdmins(tx)
                .chain(admins -> users.findByIdIn(tx, id).chain(found -> {
                    User user = found.orElseThrow(() -> notFound(id));
                    String newRole = role == null ? user.role() : role;
                    boolean newEnabled = enabled == null ? user.enabled() : enabled;
                    boolean staysAdmin = Roles.ADMIN.equals(newRole) && newEnabled;
                    if (!staysAdmin) {
                        refuseIfLastAdmin(admins, id, "不能降级或禁用最后一个启用的管理员");
                    }
                    return users.update(tx, id, newRole, newEnabled)
                            .map(u -> u.orElseThrow(() -> notFound(id)))
                            .call(updated -> updated.tokenVersion() == user.tokenVersion()
                                    ? Uni.createFrom().voidItem()
                                    : revocations.userTokensRevoked(
                                            tx, updated.username(), updated.tokenVersion(), "role or status changed"));
                })));
    }

    public Uni<Void> delete(long id) {
        return users.inTransaction(tx -> users.lockEnabledAdmins(tx).chain(admins -> {
            refuseIfLastAdmin(admins, id, "不能删除最后一个启用的管理员");
            return users.delete(tx, id)
                    .map(deleted -> deleted.orElseThrow(() -> notFound(id)))
                    .call(deleted ->
                            revocations.userTokensRevoked(tx, deleted.username(), Integer.MAX_VALUE, "user deleted"))
                    .replaceWithVoid();
        }));
    }

    public Uni<Void> setPassword(long id, String password) {
        rules.checkPassword(password);
        return hash(password)
                .chain(hash -> users.inTransaction(tx -> users.updatePassword(tx, id, hash)
                        .map(updated -> updated.orElseThrow(() -> notFound(id)))
                        .call(updated -> revocations.userTokensRevoked(
                                tx, updated.username(), updated.tokenVersion(), "password changed"))))
                .replaceWithVoid();
    }

    private Uni<String> hash(String password) {
        // bcrypt is deliberately slow: keep it off the event loop
        return Uni.createFrom()
                .item(() -> hasher.hash(password))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static void refuseIfLastAdmin(List<Long> enabledAdmins, long id, String message) {
        if (enabledAdmins.size() == 1 && enabledAdmins.get(0) == id) {
            throw ApiException.conflict("last_admin", message);
        }
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("用户不存在: " + id);
    }
}
