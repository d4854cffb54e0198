package dev.opsuite.automation.safety;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Dangerous-command interception. The shell text is tokenised ({@link ShellTokenizer}), split into
 * simple commands, each stripped of wrappers ({@code sudo}, {@code env}, {@code nohup}, {@code time},
 * {@code nice}, {@code timeout}, {@code xargs}, leading assignments, directory prefixes, shell keywords)
 * and matched by rules on its argv and redirections. Text handed to another shell ({@code sh -c},
 * {@code su -c}, {@code eval}, command substitutions) is analysed too. See the service README for the
 * rule list.
 */
public final class CommandGuard {
    private static final int MAX_DEPTH = 8;
    private static final Pattern ASSIGNMENT =
            Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\[[^]]*])?\\+?=.*", Pattern.DOTALL);
    private static final Pattern BLOCK_DEVICE = Pattern.compile(
            "/dev/(sd[a-z]+\\d*|hd[a-z]+\\d*|vd[a-z]+\\d*|xvd[a-z]+\\d*|nvme\\d+n\\d+(p\\d+)?|mmcblk\\d+(p\\d+)?"
                    + "|dm-\\d+|md\\d+|loop\\d+|mapper/.+|disk/.+)");
    private static final Set<String> SYSTEM_DIRS = Set.of(
            "bin", "boot", "dev", "etc", "home", "lib", "lib32", "lib64", "libx32", "opt", "proc", "root", "run",
            "sbin", "srv", "sys", "usr", "var");
    private static final Set<String> KEYWORDS = Set.of(
            "if",
            "then",
            "else",
            "elif",
            "fi",
            "do",
            "done",
            "while",
            "until",
            "!",
            "{",
            "}",
            "case",
            "esac",
            "in",
            "select",
            "function");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "ash", "busybox");
    private static final Set<String> INTERPRETERS = Set.of(
            "sh", "bash", "dash", "zsh", "ksh", "ash", "python", "python2", "python3", "perl", "ruby", "php", "node");

    /** A rule id, what it refuses. */
    public record Rule(String id, String description) {}

    public static final List<Rule> RULES = List.of(
            new Rule(
                    "rm-root",
                    "recursive rm of /, /*, a top-level system directory or the home directory, or with --no-preserve-root"),
            new Rule("mkfs", "creating a file system or wiping signatures (mkfs*, mke2fs, mkswap, wipefs)"),
            new Rule("dd-device", "dd writing to a block device (of=/dev/sd…)"),
            new Rule("block-device-write", "writing to a block device by redirection, tee, cp, shred, …"),
            new Rule("fork-bomb", "a function that pipes or backgrounds itself (:(){ :|:& };:)"),
            new Rule("chmod-root", "recursive chmod of / or a top-level system directory"),
            new Rule("chown-root", "recursive chown/chgrp of / or a top-level system directory"),
            new Rule("find-root-delete", "find over / or a system directory with -delete or -exec rm"),
            new Rule("denied-command", "a command on the configured deny list"),
            new Rule("command-substitution", "suspicious: $(…) or backticks hide what runs"),
            new Rule("eval", "suspicious: eval builds the command at run time"),
            new Rule("decode-to-shell", "suspicious: decoded data (base64, xxd) piped into a shell"));

    private final Set<String> denied;
    private final Set<String> disabled;

    public CommandGuard(Set<String> deniedCommands, Set<String> disabledRules) {
        this.denied = Set.copyOf(deniedCommands);
        this.disabled = Set.copyOf(disabledRules);
    }

    public static CommandGuard defaults() {
        return new CommandGuard(Set.of(), Set.of());
    }

    public Verdict check(String shellText) {
        if (shellText == null || shellText.isBlank()) {
            return Verdict.ALLOWED;
        }
        List<Verdict> found = new ArrayList<>();
        analyse(shellText, 0, found);
        Verdict suspicious = null;
        for (Verdict v : found) {
            if (v.blocked()) {
                return v;
            }
            if (suspicious == null && v.suspicious()) {
                suspicious = v;
            }
        }
        return suspicious == null ? Verdict.ALLOWED : suspicious;
    }

    private void analyse(String text, int depth, List<Verdict> found) {
        if (depth > MAX_DEPTH) {
            add(found, Verdict.suspicious("eval", clip(text), "commands nested too deeply to analyse"));
            return;
        }
        Tokenized tokenized = ShellTokenizer.tokenize(text);
        for (String inner : tokenized.substitutions()) {
            add(found, Verdict.suspicious("command-substitution", clip(inner), "command substitution hides what runs"));
            analyse(inner, depth + 1, found);
        }
        forkBombs(tokenized.tokens(), found);
        List<Segment> segments = Segments.of(tokenized.tokens());
        for (Segment segment : segments) {
            for (Segment.Redirect r : segment.redirects()) {
                if (r.writes() && BLOCK_DEVICE.matcher(r.target()).matches()) {
                    add(
                            found,
                            Verdict.blocked(
                                    "block-device-write", segment.text(), "writes to block device " + r.target()));
                }
            }
            List<String> argv = normalise(segment.words(), depth, found);
            if (!argv.isEmpty()) {
                rules(segment, argv, depth, found);
            }
        }
        decodeToShell(segments, found);
    }

    /** Strips assignments, keywords and wrappers; hands {@code sh -c}/{@code su -c}/eval text to analyse. */
    private List<String> normalise(List<String> words, int depth, List<Verdict> found) {
        List<String> w = new ArrayList<>(words);
        boolean changed = true;
        while (changed && !w.isEmpty()) {
            changed = false;
            String head = w.get(0);
            if (KEYWORDS.contains(head) || ASSIGNMENT.matcher(head).matches()) {
                w.remove(0);
                if (head.equals("for") || head.equals("case")) {
                    return List.of();
                }
                changed = true;
                continue;
            }
            String cmd = base(head);
            switch (cmd) {
                case "sudo", "doas" -> {
                    w.remove(0);
                    skipOptions(
                            w, Set.of("-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T", "--user", "--group"));
                    changed = true;
                }
                case "env" -> {
                    w.remove(0);
                    while (!w.isEmpty()) {
                        String a = w.get(0);
                        if (a.equals("-S") || a.equals("--split-string")) {
                            w.remove(0);
                            if (!w.isEmpty()) {
                                analyse(String.join(" ", w), depth + 1, found);
                            }
                            return List.of();
                        }
                        if (a.equals("-u") || a.equals("-C") || a.equals("--unset") || a.equals("--chdir")) {
                            w.remove(0);
                            if (!w.isEmpty()) {
                                w.remove(0);
                            }
                        } else if (a.startsWith("-") || ASSIGNMENT.matcher(a).matches()) {
                            w.remove(0);
                        } else {
                            break;
                        }
                    }
                    changed = true;
                }
                case "nohup",
                        "time",
                        "command",
                        "builtin",
                        "exec",
                        "setsid",
                        "nocache",
                        "unbuffer",
                        "chrt",
                        "taskset" -> {
                    w.remove(0);
                    skipOptions(w, Set.of("-a", "-p"));
                    changed = true;
                }
                case "nice", "ionice" -> {
                    w.remove(0);
                    skipOptions(w, Set.of("-n", "-c", "--adjustment", "--class", "--classdata"));
                    changed = true;
                }
                case "timeout" -> {
                    w.remove(0);
                    skipOptions(w, Set.of("-s", "-k", "--signal", "--kill-after"));
                    if (!w.isEmpty()) {
                        w.remove(0); // the duration
                    }
                    changed = true;
                }
                case "stdbuf" -> {
                    w.remove(0);
                    skipOptions(w, Set.of("-i", "-o", "-e"));
                    changed = true;
                }
                case "xargs" -> {
                    w.remove(0);
                    skipOptions(w, Set.of("-n", "-I", "-P", "-L", "-d", "-E", "-s", "-a"));
                    changed = true;
                }
                case "eval" -> {
                    w.remove(0);
                    add(
                            found,
                            Verdict.suspicious(
                                    "eval",
                                    clip("eval " + String.join(" ", w)),
                                    "eval builds the command at run time"));
                    analyse(String.join(" ", w), depth + 1, found);
                    return List.of();
                }
                case "su" -> {
                    int c = w.indexOf("-c");
                    if (c < 0) {
                        c = w.indexOf("--command");
                    }
                    if (c >= 0 && c + 1 < w.size()) {
                        analyse(w.get(c + 1), depth + 1, found);
                    }
                    return List.of();
                }
                default -> {
                    if (SHELLS.contains(cmd)) {
                        for (int k = 1; k < w.size(); k++) {
                            String a = w.get(k);
                            if (a.startsWith("-") && !a.startsWith("--") && a.contains("c") && k + 1 < w.size()) {
                                analyse(w.get(k + 1), depth + 1, found);
                                return List.of();
                            }
                            if (!a.startsWith("-")) {
                                break;
                            }
                        }
                    }
                }
            }
        }
        if (!w.isEmpty()) {
            w.set(0, base(w.get(0)));
        }
        return w;
    }

    private void rules(Segment segment, List<String> argv, int depth, List<Verdict> found) {
        String cmd = argv.get(0);
        List<String> args = argv.subList(1, argv.size());
        String text = segment.text();
        if (denied.contains(cmd)) {
            add(found, Verdict.blocked("denied-command", text, cmd + " is on the deny list"));
        }
        if (cmd.startsWith("mkfs")
                || cmd.equals("mke2fs")
                || cmd.equals("wipefs")
                || (cmd.equals("mkswap")
                        && args.stream().anyMatch(a -> BLOCK_DEVICE.matcher(a).matches()))) {
            add(found, Verdict.blocked("mkfs", text, "formats or wipes a file system"));
        }
        switch (cmd) {
            case "rm" -> rm(text, args, found);
            case "dd" -> {
                for (String a : args) {
                    if (a.startsWith("of=")
                            && BLOCK_DEVICE.matcher(a.substring(3)).matches()) {
                        add(found, Verdict.blocked("dd-device", text, "dd overwrites block device " + a.substring(3)));
                    }
                }
            }
            case "tee", "cp", "mv", "shred", "cat", "install", "truncate", "blkdiscard" -> {
                for (String a : args) {
                    if (BLOCK_DEVICE.matcher(a).matches()
                            && !(cmd.equals("cat") || (cmd.equals("cp") && a.equals(args.get(0))))) {
                        add(found, Verdict.blocked("block-device-write", text, cmd + " writes to block device " + a));
                    }
                }
            }
            case "chmod" -> recursiveOnRoot("chmod-root", text, args, found);
            case "chown", "chgrp" -> recursiveOnRoot("chown-root", text, args, found);
            case "find" -> {
                boolean destructive = args.contains("-delete")
                        || (args.contains("-exec") && args.stream().anyMatch(a -> base(a).equals("rm")));
                if (destructive
                        && args.stream().takeWhile(a -> !a.startsWith("-")).anyMatch(CommandGuard::critical)) {
                    add(found, Verdict.blocked("find-root-delete", text, "deletes across a system directory"));
                }
            }
            default -> {}
        }
    }

    private void rm(String text, List<String> args, List<Verdict> found) {
        boolean recursive = false;
        boolean noPreserve = false;
        List<String> targets = new ArrayList<>();
        boolean options = true;
        for (String a : args) {
            if (options && a.equals("--")) {
                options = false;
            } else if (options && a.startsWith("--")) {
                recursive |= a.equals("--recursive");
                noPreserve |= a.equals("--no-preserve-root");
            } else if (options && a.startsWith("-") && a.length() > 1) {
                recursive |= a.indexOf('r') > 0 || a.indexOf('R') > 0;
            } else {
                targets.add(a);
            }
        }
        if (recursive && (noPreserve || targets.stream().anyMatch(CommandGuard::critical))) {
            add(
                    found,
                    Verdict.blocked(
                            "rm-root",
                            text,
                            "recursive delete of "
                                    + (noPreserve
                                            ? "/ (--no-preserve-root)"
                                            : targets.stream()
                                                    .filter(CommandGuard::critical)
                                                    .findFirst()
                                                    .orElse("/"))));
        }
    }

    private void recursiveOnRoot(String rule, String text, List<String> args, List<Verdict> found) {
        boolean recursive = args.stream()
                .anyMatch(a ->
                        a.equals("--recursive") || (a.startsWith("-") && !a.startsWith("--") && a.indexOf('R') > 0));
        if (recursive && args.stream().filter(a -> !a.startsWith("-")).anyMatch(CommandGuard::critical)) {
            add(found, Verdict.blocked(rule, text, "recursive permission change of a system root"));
        }
    }

    /** /, /*, //, /., a top-level system directory (with or without /*), ~ and $HOME. */
    static boolean critical(String target) {
        String t = target.replaceAll("/{2,}", "/");
        while (t.length() > 1 && (t.endsWith("/.") || t.endsWith("/"))) {
            t = t.endsWith("/.") ? t.substring(0, t.length() - 2) : t.substring(0, t.length() - 1);
        }
        if (t.isEmpty() || t.equals("/") || t.equals("/*") || t.equals("/.*")) {
            return true;
        }
        if (t.equals("~") || t.equals("~/*") || t.equals("$HOME") || t.equals("${HOME}") || t.equals("$HOME/*")) {
            return true;
        }
        if (t.endsWith("/*")) {
            t = t.substring(0, t.length() - 2);
        }
        return t.startsWith("/")
                && t.indexOf('/', 1) < 0
                && SYSTEM_DIRS.contains(t.substring(1).toLowerCase(Locale.ROOT));
    }

    private void forkBombs(List<ShellToken> tokens, List<Verdict> found) {
        for (int k = 0; k + 2 < tokens.size(); k++) {
            ShellToken name = tokens.get(k);
            if (!name.isWord()
                    || !tokens.get(k + 1).isOperator("(")
                    || !tokens.get(k + 2).isOperator(")")) {
                continue;
            }
            int end = Math.min(tokens.size(), k + 200);
            List<ShellToken> body = tokens.subList(k + 3, end);
            for (Segment s : Segments.of(body)) {
                if (!s.words().isEmpty()
                        && s.words().get(0).equals(name.text())
                        && (s.pipedTo() || s.pipedFrom() || s.background())) {
                    add(
                            found,
                            Verdict.blocked("fork-bomb", name.text() + "(){ … }", "a function that multiplies itself"));
                    return;
                }
            }
        }
    }

    private void decodeToShell(List<Segment> segments, List<Verdict> found) {
        for (int a = 0; a < segments.size(); a++) {
            Segment decoder = segments.get(a);
            if (!decoder.pipedTo() || !decodes(decoder.words())) {
                continue;
            }
            for (int b = a + 1; b < segments.size() && segments.get(b).pipeline() == decoder.pipeline(); b++) {
                List<String> w = segments.get(b).words();
                if (!w.isEmpty() && INTERPRETERS.contains(base(strip(w)))) {
                    add(
                            found,
                            Verdict.suspicious(
                                    "decode-to-shell",
                                    decoder.text() + " | " + segments.get(b).text(),
                                    "decoded data piped into a shell"));
                }
            }
        }
    }

    private static String strip(List<String> words) {
        for (String w : words) {
            String b = base(w);
            if (!b.equals("sudo")
                    && !b.equals("env")
                    && !b.equals("exec")
                    && !w.startsWith("-")
                    && !ASSIGNMENT.matcher(w).matches()) {
                return w;
            }
        }
        return "";
    }

    private static boolean decodes(List<String> words) {
        if (words.isEmpty()) {
            return false;
        }
        String cmd = base(words.get(0));
        List<String> args = words.subList(1, words.size());
        return switch (cmd) {
            case "base64", "base32", "basenc" ->
                args.stream()
                        .anyMatch(a -> a.equals("-d")
                                || a.equals("--decode")
                                || a.equals("-D")
                                || (a.startsWith("-") && !a.startsWith("--") && a.contains("d")));
            case "xxd" -> args.stream().anyMatch(a -> a.startsWith("-r"));
            case "openssl" -> args.contains("-d") || args.contains("base64");
            case "rev", "uudecode", "gunzip", "zcat", "bzcat", "xzcat" -> true;
            default -> false;
        };
    }

    private static void skipOptions(List<String> w, Set<String> withArgument) {
        while (!w.isEmpty() && w.get(0).startsWith("-")) {
            String o = w.remove(0);
            if (o.equals("--")) {
                return;
            }
            if (withArgument.contains(o) && !w.isEmpty()) {
                w.remove(0);
            }
        }
    }

    static String base(String word) {
        int slash = word.lastIndexOf('/');
        return slash >= 0 && slash < word.length() - 1 ? word.substring(slash + 1) : word;
    }

    private void add(List<Verdict> found, Verdict v) {
        if (!disabled.contains(v.rule())) {
            found.add(v);
        }
    }

    private static String clip(String s) {
        String one = s.strip().replace('\n', ' ');
        return one.length() > 120 ? one.substring(0, 120) + "…" : one;
    }

    /** The ids of every rule, for configuration checks. */
    public static Set<String> ruleIds() {
        Set<String> ids = new HashSet<>();
        RULES.forEach(r -> ids.add(r.id()));
        return ids;
    }
}
