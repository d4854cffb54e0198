package dev.opsuite.deployment.process;

import dev.opsuite.deployment.DeploymentConfig;
import dev.opsuite.deployment.steps.Interrupt;
import dev.opsuite.deployment.steps.RunContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command of a deployment step: argument list (no shell), its own environment, stdout and
 * stderr captured line by line into the deployment log, and on cancel or timeout the whole process
 * tree terminated.
 */
@ApplicationScoped
public class CommandRunner {
    private final Executables executables;
    private final ProcessRecords records;
    private final DeploymentConfig config;

    public CommandRunner(Executables executables, ProcessRecords records, DeploymentConfig config) {
        this.executables = executables;
        this.records = records;
        this.config = config;
    }

    public record Result(int exitCode, Interrupt interrupt, String error) {
        public boolean ok() {
            return interrupt == Interrupt.NONE && exitCode == 0 && error == null;
        }
    }

    /** @param env the complete environment of the child */
    public Result run(RunContext ctx, List<String> argv, Path cwd, Map<String, String> env) {
        String path = env.getOrDefault("PATH", executables.searchPath());
        var exe = Executables.find(argv.get(0), path);
        ctx.log().system("$ " + String.join(" ", argv));
        if (exe.isEmpty()) {
            ctx.log().system(argv.get(0) + ": command not found");
            return new Result(127, Interrupt.NONE, argv.get(0) + ": command not found");
        }
        List<String> command = new ArrayList<>(argv);
        command.set(0, exe.get().toString());
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            ctx.log().system("could not start " + argv.get(0) + ": " + e.getMessage());
            return new Result(126, Interrupt.NONE, "could not start " + argv.get(0));
        }
        String id = ctx.deployment().id();
        records.started(id, process.toHandle(), "step");
        Thread out = pump(process.getInputStream(), "stdout", ctx);
        Thread err = pump(process.getErrorStream(), "stderr", ctx);
        try {
            Interrupt interrupt = waitFor(process, ctx);
            if (interrupt != Interrupt.NONE) {
                ctx.log()
                        .system((interrupt == Interrupt.CANCELLED ? "cancelled" : "timed out")
                                + ": terminating process tree of pid " + process.pid());
                ProcessTree.terminate(process.toHandle(), config.killGrace());
                join(out, err);
                return new Result(-1, interrupt, null);
            }
            join(out, err);
            int code = process.exitValue();
            if (code != 0) {
                ctx.log().system(argv.get(0) + " exited with code " + code);
            }
            return new Result(code, Interrupt.NONE, null);
        } finally {
            records.ended(id, process.pid());
        }
    }

    private Interrupt waitFor(Process process, RunContext ctx) {
        while (true) {
            try {
                if (process.waitFor(100, TimeUnit.MILLISECONDS)) {
                    return Interrupt.NONE;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Interrupt.CANCELLED;
            }
            Interrupt i = ctx.interrupt();
            if (i != Interrupt.NONE) {
                return i;
            }
        }
    }

    /** Background children may keep the pipes open after the command exits: don't wait for them forever. */
    private static void join(Thread... pumps) {
        for (Thread t : pumps) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static Thread pump(InputStream in, String stream, RunContext ctx) {
        return Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    ctx.log().line(stream, line);
                }
            } catch (IOException ignored) {
                // the process went away; what was read is logged
            }
        });
    }
}
