package dev.opsuite.gateway.pve.facade;

import dev.opsuite.common.security.Roles;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * PVE privileges an opsuite role stands for on the facade: viewer = PVE's PVEAuditor, operator =
 * running and configuring guests and their storage (PVEVMAdmin plus datastore allocation), admin =
 * every privilege PVE 8 knows.
 */
final class PvePrivileges {

    static final List<String> AUDIT =
            List.of("Datastore.Audit", "Mapping.Audit", "Pool.Audit", "SDN.Audit", "Sys.Audit", "VM.Audit");

    static final List<String> OPERATE = List.of(
            "Datastore.Allocate",
            "Datastore.AllocateSpace",
            "Datastore.AllocateTemplate",
            "Mapping.Use",
            "SDN.Use",
            "Sys.Console",
            "VM.Allocate",
            "VM.Backup",
            "VM.Clone",
            "VM.Config.CDROM",
            "VM.Config.CPU",
            "VM.Config.Cloudinit",
            "VM.Config.Disk",
            "VM.Config.HWType",
            "VM.Config.Memory",
            "VM.Config.Network",
            "VM.Config.Options",
            "VM.Console",
            "VM.Migrate",
            "VM.Monitor",
            "VM.PowerMgmt",
            "VM.Snapshot",
            "VM.Snapshot.Rollback");

    static final List<String> ADMINISTER = List.of(
            "Group.Allocate",
            "Mapping.Modify",
            "Permissions.Modify",
            "Pool.Allocate",
            "Realm.Allocate",
            "Realm.AllocateUser",
            "SDN.Allocate",
            "Sys.Incoming",
            "Sys.Modify",
            "Sys.PowerMgmt",
            "Sys.Syslog",
            "User.Modify");

    private PvePrivileges() {}

    static Set<String> of(String role) {
        Set<String> privileges = new LinkedHashSet<>(AUDIT);
        if (Roles.atLeast(role, Roles.OPERATOR)) {
            privileges.addAll(OPERATE);
        }
        if (Roles.atLeast(role, Roles.ADMIN)) {
            privileges.addAll(ADMINISTER);
        }
        return privileges;
    }
}
