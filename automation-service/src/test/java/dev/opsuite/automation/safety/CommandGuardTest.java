package dev.opsuite.automation.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The interception table: what is blocked (with which rule), what is suspicious, what passes. */
class CommandGuardTest {
    static final CommandGuard GUARD = CommandGuard.defaults();

    static Stream<Arguments> blocked() {
        return Stream.of(
                Arguments.of("rm -rf /", "rm-root"),
                Arguments.of("rm -fr /", "rm-root"),
                Arguments.of("rm -r -f /", "rm-root"),
                Arguments.of("rm -r -f /*", "rm-root"),
                Arguments.of("rm -Rf /", "rm-root"),
                Arguments.of("rm -rfv /", "rm-root"),
                Arguments.of("rm --recursive --force /", "rm-root"),
                Arguments.of("rm --recursive --force --no-preserve-root /", "rm-root"),
                Arguments.of("rm -rf --no-preserve-root /", "rm-root"),
                Arguments.of("sudo rm -fr /", "rm-root"),
                Arguments.of("sudo -u root rm -rf /", "rm-root"),
                Arguments.of("/bin/rm -rf /", "rm-root"),
                Arguments.of("\\rm -rf /", "rm-root"),
                Arguments.of("'rm' -rf '/'", "rm-root"),
                Arguments.of("rm -rf \"/\"", "rm-root"),
                Arguments.of("rm -rf //", "rm-root"),
                Arguments.of("rm -rf /etc", "rm-root"),
                Arguments.of("rm -rf /usr/", "rm-root"),
                Arguments.of("rm -rf /var/*", "rm-root"),
                Arguments.of("rm -rf ~", "rm-root"),
                Arguments.of("rm -rf -- /", "rm-root"),
                Arguments.of("env FOO=1 nohup rm -rf /", "rm-root"),
                Arguments.of("nice -n 10 rm -rf /", "rm-root"),
                Arguments.of("timeout 5 rm -rf /", "rm-root"),
                Arguments.of("X=1 rm -rf /", "rm-root"),
                Arguments.of("echo hi; rm -rf /", "rm-root"),
                Arguments.of("true && rm -rf /", "rm-root"),
                Arguments.of("false || rm -rf /", "rm-root"),
                Arguments.of("ls | rm -rf /", "rm-root"),
                Arguments.of("sleep 1 & rm -rf /", "rm-root"),
                Arguments.of("echo a\nrm -rf /", "rm-root"),
                Arguments.of("(cd /tmp && rm -rf /)", "rm-root"),
                Arguments.of("if true; then rm -rf /; fi", "rm-root"),
                Arguments.of("for i in 1; do rm -rf /; done", "rm-root"),
                Arguments.of("sh -c 'rm -rf /'", "rm-root"),
                Arguments.of("bash -c \"rm -rf /\"", "rm-root"),
                Arguments.of("su -c 'rm -rf /' root", "rm-root"),
                Arguments.of("echo / | xargs rm -rf /", "rm-root"),
                Arguments.of("mkfs.ext4 /dev/sda1", "mkfs"),
                Arguments.of("mkfs -t xfs /dev/vdb", "mkfs"),
                Arguments.of("sudo mkfs.xfs -f /dev/nvme0n1", "mkfs"),
                Arguments.of("/sbin/mke2fs /dev/sdb", "mkfs"),
                Arguments.of("wipefs -a /dev/sda", "mkfs"),
                Arguments.of("dd if=/dev/zero of=/dev/sda", "dd-device"),
                Arguments.of("dd if=/dev/urandom of=/dev/nvme0n1 bs=1M", "dd-device"),
                Arguments.of("sudo dd of=/dev/vda if=image.raw", "dd-device"),
                Arguments.of("echo x > /dev/sda", "block-device-write"),
                Arguments.of("cat /dev/zero >/dev/sdb1", "block-device-write"),
                Arguments.of("echo x 1>/dev/sda", "block-device-write"),
                Arguments.of("> /dev/sda", "block-device-write"),
                Arguments.of("echo x | tee /dev/sda", "block-device-write"),
                Arguments.of("shred -n 1 /dev/sda", "block-device-write"),
                Arguments.of("cp image.iso /dev/sdc", "block-device-write"),
                Arguments.of(":(){ :|:& };:", "fork-bomb"),
                Arguments.of("bomb() { bomb | bomb & }; bomb", "fork-bomb"),
                Arguments.of("chmod -R 777 /", "chmod-root"),
                Arguments.of("chmod --recursive 777 /", "chmod-root"),
                Arguments.of("sudo chmod -R 000 /etc", "chmod-root"),
                Arguments.of("chown -R nobody /", "chown-root"),
                Arguments.of("chown -R user:user /usr", "chown-root"),
                Arguments.of("find / -delete", "find-root-delete"),
                Arguments.of("find / -name '*' -exec rm -f {} +", "find-root-delete"),
                Arguments.of("echo $(rm -rf /)", "rm-root"),
                Arguments.of("echo `rm -rf /`", "rm-root"),
                Arguments.of("eval 'rm -rf /'", "rm-root"));
    }

    @ParameterizedTest(name = "blocks {0}")
    @MethodSource("blocked")
    void blocksDangerousCommands(String command, String rule) {
        Verdict v = GUARD.check(command);
        assertEquals(Verdict.Kind.BLOCKED, v.kind(), command + " -> " + v);
        assertEquals(rule, v.rule(), command + " -> " + v);
        assertTrue(v.message().startsWith("危险命令已拦截: "), v.message());
    }

    static Stream<Arguments> suspicious() {
        return Stream.of(
                Arguments.of("echo $(whoami)", "command-substitution"),
                Arguments.of("kill `cat /run/app.pid`", "command-substitution"),
                Arguments.of("echo \"today is $(date)\"", "command-substitution"),
                Arguments.of("eval \"$CMD\"", "eval"),
                Arguments.of("echo cm0gLXJmIC8= | base64 -d | sh", "decode-to-shell"),
                Arguments.of("echo cm0gLXJmIC8= | base64 --decode | bash", "decode-to-shell"),
                Arguments.of("base64 -d payload.txt | sudo bash", "decode-to-shell"),
                Arguments.of("xxd -r -p data.hex | sh", "decode-to-shell"),
                Arguments.of("cat x | rev | sh", "decode-to-shell"));
    }

    @ParameterizedTest(name = "flags {0}")
    @MethodSource("suspicious")
    void flagsObfuscationAsSuspicious(String command, String rule) {
        Verdict v = GUARD.check(command);
        assertEquals(Verdict.Kind.SUSPICIOUS, v.kind(), command + " -> " + v);
        assertEquals(rule, v.rule(), command + " -> " + v);
    }

    static Stream<String> allowed() {
        return Stream.of(
                "rm -rf /tmp/x",
                "rm -rf /var/lib/app/cache",
                "rm -f /etc/app.conf.bak",
                "rm /",
                "rm -f /",
                "df -h",
                "uptime",
                "curl -fsS https://example.com/health",
                "grep error /var/log/syslog",
                "grep -r \"rm -rf /\" notes.txt",
                "echo \"mkfs is a command\"",
                "echo 'dd if=/dev/zero of=/dev/sda'",
                "echo rm -rf /",
                "printf '%s\\n' ':(){ :|:& };:'",
                "dd if=/dev/zero of=/tmp/file bs=1M count=10",
                "dd if=/dev/sda of=/tmp/mbr.img bs=512 count=1",
                "echo x > /dev/null",
                "ls -la /dev/sda",
                "cat /dev/sda | head -c 512 > /tmp/mbr",
                "chmod 755 /usr/local/bin/tool",
                "chmod -R 755 /srv/app",
                "chown -R app:app /var/lib/app",
                "find /tmp -name '*.log' -delete",
                "systemctl restart nginx",
                "docker ps && docker restart web",
                "apt-get update && apt-get -y upgrade",
                "journalctl -u kubelet --since '1 hour ago' | tail -n 100",
                "PORT=8080; ss -ltnp | grep \":$PORT\"",
                "for f in /var/log/*.log; do wc -l \"$f\"; done",
                "echo $((1 + 2))",
                "# rm -rf /\nuptime",
                "cat <<EOF\nhello\nEOF",
                "tar czf /tmp/etc.tgz /etc",
                "sh -c 'echo hello'",
                "sudo systemctl status sshd");
    }

    @ParameterizedTest(name = "allows {0}")
    @MethodSource("allowed")
    void allowsHarmlessCommands(String command) {
        Verdict v = GUARD.check(command);
        assertEquals(Verdict.Kind.ALLOWED, v.kind(), command + " -> " + v);
    }

    @ParameterizedTest(name = "configured deny list blocks {0}")
    @MethodSource("denyList")
    void configuredDenyListAndDisabledRules(String command, Verdict.Kind expected) {
        CommandGuard custom = new CommandGuard(Set.of("shutdown", "reboot"), Set.of("command-substitution"));
        assertEquals(expected, custom.check(command).kind(), command);
    }

    static Stream<Arguments> denyList() {
        return Stream.of(
                Arguments.of("sudo /sbin/shutdown -h now", Verdict.Kind.BLOCKED),
                Arguments.of("reboot", Verdict.Kind.BLOCKED),
                Arguments.of("echo $(date)", Verdict.Kind.ALLOWED),
                Arguments.of("uptime", Verdict.Kind.ALLOWED));
    }
}
