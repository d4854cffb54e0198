package dev.opsuite.automation.remote;

import dev.opsuite.automation.domain.Login;
import dev.opsuite.common.error.ApiException;
import java.nio.charset.StandardCharsets;
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
public record RemoteCommand(
        String runId, String payload, Interpreter interpreter, Map<String, String> env, Become become) {
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}", Pattern.CASE_INSENSITIVE);

    /** Run the payload as another user through sudo; the password (if any) travels on stdin, never in argv. */
    public record Become(String user, String password) {
        @Override
        public String toString() {
            return "Become[" + user + "]";
        }
    }

    public RemoteCommand(String runId, String payload, Interpreter interpreter, Map<String, String> env) {
        this(runId, payload, interpreter, env, null);
    }

    /** The privilege escalation a login asks for (sudo), or null. */
    public static Become becomeOf(Login login) {
        return login.becomes() ? new Become(login.becomeUser(), login.becomePassword()) : null;
    }

    /** su reads its password from a terminal only: SSH commands and scripts escalate with sudo. */
    public static void requireSupportedBecome(Login login) {
        if (login.becomes() && !"sudo".equals(login.becomeMethod())) {
            throw ApiException.unprocessable(
                    "unsupported_become",
                    "credential " + login.credentialId()
                            + " escalates with " + login.becomeMethod()
                            + ", which SSH commands and scripts do not support (it needs a terminal); "
                            + "use become method sudo, or run an Ansible playbook");
        }
    }

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

    /** What is written to the session's stdin: the payload, or for become the password line, the environment and the payload. */
    public byte[] stdin() {
        if (become == null) {
            return payload.getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder b = new StringBuilder();
        if (become.password() != null) {
            b.append(become.password()).append('\n');
        }
        b.append(exports());
        b.append(payload);
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String exports() {
        StringBuilder e = new StringBuilder();
        env.forEach(
                (name, value) -> e.append(name).append('=').append(quote(value)).append('\n'));
        return e.toString();
    }

    /** The command line sent to sshd. Values are single-quoted; names were validated. */
    public String commandLine() {
        if (become != null) {
            return becomeCommandLine();
        }
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

    /**
     * Kills every run of a task left on a node (all pid files named {@code <taskId>-*.pid}), for
     * reconciliation after the replica that owned the task died.
     */
    public static String killTaskCommandLine(String taskId, long graceSeconds) {
        if (!RUN_ID.matcher(taskId).matches()) {
            throw new IllegalArgumentException("task id must be [a-z0-9-]");
        }
        return "d=\"${TMPDIR:-/tmp}/.opsuite-$(id -u)\"; n=0; for p in \"$d\"/" + taskId + "-*.pid; do "
                + "[ -f \"$p\" ] || continue; pg=$(cat \"$p\"); [ -n \"$pg\" ] && kill -TERM -- -\"$pg\" 2>/dev/null && n=$((n+1)); "
                + "done; [ $n -gt 0 ] && sleep " + graceSeconds + "; for p in \"$d\"/" + taskId + "-*.pid; do "
                + "[ -f \"$p\" ] || continue; pg=$(cat \"$p\"); [ -n \"$pg\" ] && kill -KILL -- -\"$pg\" 2>/dev/null; "
                + "rm -f \"$p\" \"${p%.pid}.in\"; done; echo killed=$n; exit 0";
    }

    private String becomeCommandLine() {
        if (!USER.matcher(become.user()).matches()) {
            throw new IllegalArgumentException("invalid become user");
        }
        boolean root = become.user().equals("root");
        String interp = switch (interpreter) {
            case PYTHON3 -> "python3";
            default -> "bash";
        };
        String sudo = become.password() != null
                ? "printf \"%s\\n\" \"$pw\" | sudo -S -p \"\" -u " + become.user() + " --"
                : "sudo -n -u " + become.user() + " --";
        String wrapper = "umask 077; d=\"${TMPDIR:-/tmp}/.opsuite-$(id -u)\"; "
                + "mkdir -p \"$d\" && chmod " + (root ? "700" : "711")
                + " \"$d\" || { echo \"opsuite: cannot create $d\" >&2; exit 125; }; "
                + "p=\"$d/$1.pid\"; f=\"$d/$1.in\"; e=\"$d/$1.env\"; echo $$ >\"$p\"; "
                + "trap \"rm -f \\\"$p\\\" \\\"$f\\\" \\\"$e\\\"\" EXIT; trap \"exit 143\" TERM HUP INT; "
                + (become.password() != null ? "IFS= read -r pw || exit 125; " : "")
                + "dd bs=1 count=$2 of=\"$e\" status=none || exit 125; cat >\"$f\" || exit 125; "
                + (root ? "" : "chmod 644 \"$f\" \"$e\"; ")
                + sudo + " sh -c \"set -a; . \\\"\\$1\\\"; set +a; exec " + interp
                + " \\\"\\$2\\\" </dev/null\" opsuite-become \"$e\" \"$f\"";
        return "exec setsid -w sh -c '" + wrapper + "' opsuite-run " + runId + " "
                + exports().getBytes(StandardCharsets.UTF_8).length;
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
