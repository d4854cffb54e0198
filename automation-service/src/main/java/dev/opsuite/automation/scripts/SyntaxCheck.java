package dev.opsuite.automation.scripts;

import dev.opsuite.common.error.ApiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Checks script syntax locally before anything is stored: {@code bash -n} for shell,
 * {@code python3 -m py_compile} for Python (in a private temp dir, removed afterwards). Blocking.
 */
public final class SyntaxCheck {
    private SyntaxCheck() {}

    public static void check(String language, String content) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory(
                    "opsuite-syntax-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path file = dir.resolve("python".equals(language) ? "script.py" : "script.sh");
            Files.writeString(file, content, StandardCharsets.UTF_8);
            List<String> command = "python".equals(language)
                    ? List.of("python3", "-m", "py_compile", file.toString())
                    : List.of("bash", "-n", file.toString());
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readNBytes(8192), StandardCharsets.UTF_8);
            if (!p.waitFor(15, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw ApiException.unprocessable("syntax_check_timeout", "the syntax check did not finish in 15 s");
            }
            if (p.exitValue() != 0) {
                String msg = out.replace(file.toString(), "script")
                        .replace(dir.toString(), "")
                        .strip();
                throw ApiException.unprocessable(
                                "syntax_error",
                                ("python".equals(language) ? "python3 -m py_compile" : "bash -n") + " failed: "
                                        + (msg.length() > 2000 ? msg.substring(0, 2000) + "…" : msg))
                        .withTitle("脚本验证失败");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the syntax check: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deleteTree(dir);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp dir
                }
            });
        } catch (IOException ignored) {
            // already gone
        }
    }
}
