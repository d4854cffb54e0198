package dev.opsuite.automation.ansible;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.automation.domain.Login;
import dev.opsuite.automation.remote.NodeTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A run's private directory (0700): the playbook, a generated inventory, a known_hosts with the
 * verified host keys, the private key (0600), the extra vars and the login secrets as var files
 * ({@code -e @file}), so nothing secret is ever in argv.
 */
final class RunDirectory implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    /** SSH control sockets: a short path under /tmp, since a unix socket path has at most 107 bytes. */
    final Path controlDir;

    private RunDirectory(Path dir, Path controlDir) {
        this.dir = dir;
        this.controlDir = controlDir;
    }

    static RunDirectory create(Path base, String taskId) throws IOException {
        Files.createDirectories(base);
        Path dir = Files.createTempDirectory(
                base, taskId + "-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.createDirectories(dir.resolve("tmp"));
        Path control = Files.createTempDirectory(
                Path.of("/tmp"),
                "oacp-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return new RunDirectory(dir, control);
    }

    Path playbook(String content) throws IOException {
        return write("playbook.yml", content);
    }

    Path inventory(List<NodeTarget> nodes, Login login, Path keyFile) throws IOException {
        StringBuilder b = new StringBuilder("[targets]\n");
        for (NodeTarget n : nodes) {
            b.append(n.name())
                    .append(" ansible_host=")
                    .append(n.host())
                    .append(" ansible_port=")
                    .append(n.port())
                    .append(" ansible_user=")
                    .append(login.username());
            if (keyFile != null) {
                b.append(" ansible_ssh_private_key_file=").append(keyFile);
            }
            b.append('\n');
        }
        return write("inventory.ini", b.toString());
    }

    /** known_hosts lines use the [host]:port form ssh looks up for non-22 ports. */
    Path knownHosts(List<NodeTarget> nodes, Map<String, String> keys) throws IOException {
        StringBuilder b = new StringBuilder();
        for (NodeTarget n : nodes) {
            String key = keys.get(n.name());
            if (key != null) {
                b.append(n.port() == 22 ? n.host() : "[" + n.host() + "]:" + n.port())
                        .append(' ')
                        .append(key)
                        .append('\n');
            }
        }
        return write("known_hosts", b.toString());
    }

    Path privateKey(String key) throws IOException {
        return write("id_key", key.endsWith("\n") ? key : key + "\n");
    }

    Path vars(String name, Map<String, Object> vars) throws IOException {
        return write(name, JSON.writeValueAsString(vars == null ? Map.of() : vars));
    }

    /** Login secrets as Ansible variables (password auth, key passphrase is not supported by ssh without an agent). */
    Path secrets(Login login) throws IOException {
        Map<String, Object> vars = new LinkedHashMap<>();
        if (login.password() != null) {
            vars.put("ansible_password", login.password());
        }
        if (login.becomes()) {
            vars.put("ansible_become", true);
            vars.put("ansible_become_method", login.becomeMethod());
            vars.put("ansible_become_user", login.becomeUser());
            if (login.becomePassword() != null) {
                vars.put("ansible_become_password", login.becomePassword());
            }
        }
        return vars("secrets.json", vars);
    }

    Path config() throws IOException {
        return write("ansible.cfg", "[defaults]\nretry_files_enabled = False\n");
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /**
     * Deletes the run directory (keys, secrets, inventory) at once. ControlPersist masters outlive
     * ansible-playbook and hold connections to the nodes: they are asked to exit, all at once, on a
     * virtual thread, and their socket directory goes afterwards — the run's result does not wait for
     * them. The masters need neither the key file nor any other file of the run directory.
     */
    @Override
    public void close() {
        delete(dir);
        Thread.ofVirtual().name("ansible-masters-" + controlDir.getFileName()).start(() -> {
            stopMasters(controlDir);
            delete(controlDir);
        });
    }

    private static void stopMasters(Path controlDir) {
        try (var sockets = Files.list(controlDir)) {
            List<Process> exits = new ArrayList<>();
            for (Path socket : sockets.toList()) {
                exits.add(new ProcessBuilder("ssh", "-o", "ControlPath=" + socket, "-O", "exit", "opsuite")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            for (Process exit : exits) {
                exit.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (IOException e) {
            // nothing to stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void delete(Path root) {
        try (var walk = Files.walk(root)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // already gone
        }
    }
}
