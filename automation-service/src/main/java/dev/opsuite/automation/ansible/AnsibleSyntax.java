package dev.opsuite.automation.ansible;

import dev.opsuite.common.error.ApiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code ansible-playbook --syntax-check} on a playbook text, in a private temp dir. Blocking. */
public final class AnsibleSyntax {
    private AnsibleSyntax() {}

    public static void check(String binary, String content) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory(
                    "opsuite-playbook-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path file = dir.resolve("playbook.yml");
            Files.writeString(file, content, StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder(
                            List.of(binary, "--syntax-check", "-i", "localhost,", file.toString()))
                    .directory(dir.toFile())
                    .redirectErrorStream(true);
            pb.environment().put("ANSIBLE_NOCOLOR", "1");
            pb.environment().put("ANSIBLE_LOCAL_TEMP", dir.toString());
            pb.environment().put("HOME", dir.toString());
            pb.environment().put("ANSIBLE_CONFIG", dir.resolve("none.cfg").toString());
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readNBytes(16_384), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw ApiException.unprocessable(
                        "syntax_check_timeout", "ansible-playbook --syntax-check did not finish in 60 s");
            }
            if (p.exitValue() != 0) {
                String msg = out.replace(file.toString(), "playbook.yml")
                        .replace(dir.toString(), "")
                        .strip();
                throw ApiException.unprocessable(
                                "syntax_error",
                                "ansible-playbook --syntax-check failed: "
                                        + (msg.length() > 3000 ? msg.substring(0, 3000) + "…" : msg))
                        .withTitle("Playbook 验证失败");
            }
        } catch (IOException e) {
            throw ApiException.of(
                    503,
                    "ansible_unavailable",
                    "cannot run " + binary + " --syntax-check: " + e.getMessage()
                            + "; install ansible (Debian package ansible) or set binary_path");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (dir != null) {
                try (var walk = Files.walk(dir)) {
                    walk.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                            .forEach(f -> f.toFile().delete());
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }
}
