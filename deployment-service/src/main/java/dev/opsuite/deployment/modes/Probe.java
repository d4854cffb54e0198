package dev.opsuite.deployment.modes;

import dev.opsuite.deployment.process.Executables;
import dev.opsuite.deployment.process.ProcessTree;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a short diagnostic command (argument list, bounded time) and returns its exit code and output. */
final class Probe {
    record Outcome(int exitCode, String output, String failure) {
        boolean ok() {
            return failure == null && exitCode == 0;
        }

        /** Last non-blank output line: usually the reason a tool gives for failing. */
        String lastLine() {
            String[] lines = output.strip().split("\\R");
            for (int i = lines.length - 1; i >= 0; i--) {
                if (!lines[i].isBlank()) {
                    return lines[i].strip();
                }
            }
            return "";
        }
    }

    private Probe() {}

    static Outcome run(Executables executables, Map<String, String> env, Duration timeout, String... argv) {
        var exe = Executables.find(argv[0], env.get("PATH"));
        if (exe.isEmpty()) {
            return new Outcome(127, "", argv[0] + " not found on PATH");
        }
        List<String> command = new ArrayList<>(List.of(argv));
        command.set(0, exe.get().toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try {
            Process p = pb.start();
            byte[][] out = new byte[1][];
            Thread reader = Thread.ofVirtual().start(() -> {
                try {
                    out[0] = p.getInputStream().readAllBytes();
                } catch (IOException e) {
                    out[0] = new byte[0];
                }
            });
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTree.terminate(p.toHandle(), Duration.ofSeconds(1));
                return new Outcome(-1, "", argv[0] + " did not answer within " + timeout.toSeconds() + "s");
            }
            reader.join(1000);
            String text = out[0] == null ? "" : new String(out[0], StandardCharsets.UTF_8);
            return new Outcome(p.exitValue(), text, null);
        } catch (IOException e) {
            return new Outcome(126, "", "could not run " + argv[0] + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(-1, "", "interrupted");
        }
    }
}
