package dev.opsuite.gateway.pve.facade;

import dev.opsuite.common.security.Roles;
import java.util.Optional;

/**
 * What an opsuite role may do through the facade: viewers only read; operators also write to
 * nodes and their guests, storage and tasks; everything else that writes (cluster configuration,
 * access control, pools, storage definitions) and any {@code /access} path the facade does not
 * answer itself is for admins. The message is PVE's permission failure wording.
 */
final class RoleRules {

    private RoleRules() {}

    static Optional<String> deny(String role, String method, String path) {
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (path.startsWith("/access") && !Roles.atLeast(role, Roles.ADMIN)) {
            return Optional.of(
                    "Permission check failed (" + path + ", Sys.Audit or User.Modify; opsuite role " + role + ")");
        }
        if (read) {
            return Optional.empty();
        }
        if (!Roles.atLeast(role, Roles.OPERATOR)) {
            return Optional.of(
                    "Permission check failed (" + path + ", write; opsuite role " + role + " may only read)");
        }
        if (!Roles.atLeast(role, Roles.ADMIN) && !path.startsWith("/nodes/")) {
            return Optional.of("Permission check failed (" + path + ", Sys.Modify; opsuite role " + role + ")");
        }
        return Optional.empty();
    }
}
