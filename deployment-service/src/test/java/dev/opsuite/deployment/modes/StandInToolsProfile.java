package dev.opsuite.deployment.modes;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Puts recording stand-ins for {@code docker} and {@code uv} first on the tool path (neither can run
 * on this host). Each appends its argv to {@link #RECORD} and answers like the real tool would; the
 * uv stand-in creates a real (pip-less) venv so the app really starts. Deployment environment
 * variables reach them: STANDIN_SLOW=1 makes "pull"/"sync" hang with child processes (for cancel).
 */
public class StandInToolsProfile implements QuarkusTestProfile {
    public static final Path DIR = Path.of(
            System.getProperty("java.io.tmpdir"),
            "opsuite-standins-" + ProcessHandle.current().pid());
    public static final Path RECORD = DIR.resolve("record.log");

    static final String DOCKER = """
            #!/bin/sh
            printf '%s\\n' "docker $*" >> "RECORD"
            if [ "$1" = "info" ]; then echo "27.3.1"; exit 0; fi
            if [ "$1" = "compose" ]; then
              shift
              while [ $# -gt 0 ]; do case "$1" in -f|-p) shift 2;; *) break;; esac; done
              case "$1" in
                version) echo "2.29.7";;
                pull) echo "web Pulling"; if [ -n "$STANDIN_SLOW" ]; then sleep 600 & sleep 600; fi; echo "web Pulled";;
                build) echo "web Built";;
                up) echo "Container web Started";;
                ps) echo '{"Service":"web","State":"running","Health":"healthy"}';;
                down) echo "Container web Removed";;
              esac
              exit 0
            fi
            exit 0
            """;

    static final String UV = """
            #!/bin/sh
            printf '%s\\n' "uv $*" >> "RECORD"
            case "$1" in
              --version) echo "uv 0.5.11 (stand-in)";;
              venv) for a; do last="$a"; done; python3 -m venv --without-pip "$last" || exit 1; echo "Creating virtual environment at: $last";;
              sync) if [ -n "$STANDIN_SLOW" ]; then sleep 600 & sleep 600; fi; echo "Resolved 1 package";;
            esac
            exit 0
            """;

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Files.createDirectories(DIR);
            write("docker", DOCKER);
            write("uv", UV);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("opsuite.deployment.tool-path", DIR.toString(), "opsuite.deployment.availability-refresh", "1h");
    }

    private static void write(String name, String script) throws IOException {
        Path file = DIR.resolve(name);
        Files.writeString(file, script.replace("\"RECORD\"", "\"" + RECORD + "\""));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
