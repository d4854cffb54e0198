package dev.opsuite.automation.ssh;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What runs on a node: a payload (the command text or the script) sent on stdin, never in the command
 * line, an interpreter, and environment variables set in the remote command itself (stock sshd refuses
 * SSH {@code env} requests). The fixed wrapper stores the payload in a private file, records its
 * process group so a cancel can kill everything it started, and runs the payload with stdin from
 * /dev/null.
 */
public record RemoteCommand(String runId, String payload, Interpreter interpreter, Map<String, String> env) {
    public static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern RUN_ID = Pattern.compile("[a-z0-9-]{1,100}");

    public enum Interpreter {
        /** bash when the node has it, else sh. */
        SHELL,
        BASH,
        PYTHON3
    }

    public RemoteCommand {
        if (!RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id must be [a-z0-9-]");
        }
        env = env == null ? Map.of() : new LinkedHashMap<>(env);
        env.keySet().forEach(name -> {
            if (!ENV_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("invalid environment variable name " + name);
            }
        });
    }

    /** The command line sent to sshd. Values are single-quoted; names were validated. */
    public String commandLine() {
        StringBuilder b = new StringBuilder();
        env.forEach(
                (name, value) -> b.append(name).append('=').append(quote(value)).append(' '));
        b.append("exec setsid -w sh -c '")
                .append(WRAPPER.replace("@RUN@", run()))
                .append("' opsuite-run ")
                .append(runId);
        return b.toString();
    }

    /** Kills the run's process group (TERM, then KILL after the grace period) over a second session. */
    public static String killCommandLine(String runId, long graceSeconds) {
        if (!RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id must be [a-z0-9-]");
        }
        return "d=\"${TMPDIR:-/tmp}/.opsuite-$(id -u)\"; p=\"$d/" + runId + ".pid\"; "
                + "[ -f \"$p\" ] || exit 0; pg=$(cat \"$p\"); [ -n \"$pg\" ] || exit 0; "
                + "kill -TERM -- -\"$pg\" 2>/dev/null || exit 0; "
                + "i=0; while [ $i -lt " + (graceSeconds * 10)
                + " ] && kill -0 -- -\"$pg\" 2>/dev/null; do sleep 0.1; i=$((i+1)); done; "
                + "kill -KILL -- -\"$pg\" 2>/dev/null; rm -f \"$p\" \"$d/" + runId + ".in\"; exit 0";
    }

    private String run() {
        return switch (interpreter) {
            case SHELL -> "if command -v bash >/dev/null 2>&1; then bash \"$f\"; else sh \"$f\"; fi";
            case BASH -> "bash \"$f\"";
            case PYTHON3 -> "python3 \"$f\"";
        };
    }

    // Runs as `sh -c '<this>' opsuite-run <runId>`: no single quotes allowed in here.
    private static final String WRAPPER = "umask 077; d=\"${TMPDIR:-/tmp}/.opsuite-$(id -u)\"; "
            + "mkdir -p \"$d\" && chmod 700 \"$d\" || { echo \"opsuite: cannot create $d\" >&2; exit 125; }; "
            + "p=\"$d/$1.pid\"; f=\"$d/$1.in\"; echo $$ >\"$p\"; "
            + "trap \"rm -f \\\"$p\\\" \\\"$f\\\"\" EXIT; trap \"exit 143\" TERM HUP INT; "
            + "cat >\"$f\" || exit 125; @RUN@ </dev/null";

    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
