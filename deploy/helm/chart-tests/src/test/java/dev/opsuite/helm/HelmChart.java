package dev.opsuite.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * deploy/helm/opsuite, linted and rendered by the real Helm (helm-java's native library).
 *
 * <p>helm-java's template returns the release manifest without the hooks (the chart's Secret, the
 * provisioning SQL and the migration job are pre-install/pre-upgrade hooks). Renders therefore use a
 * copy of the chart whose {@code helm.sh/hook*} annotation keys are renamed to {@value #HOOK_PREFIX}…:
 * the same templates, rendered as ordinary objects, and the hook annotations stay checkable.
 */
final class HelmChart {
    static final String HOOK_PREFIX = "test.opsuite.dev/hook";
    static final String RELEASE = "opsuite";
    static final String NAMESPACE = "opsuite-test";
    static final String KUBE_VERSION = "1.31.0";

    /** What the README's minimal install sets: the external PostgreSQL and Kafka and the DB admin. */
    static final Map<String, Object> MINIMAL = Map.of(
            "postgresql.host", "postgres.databases.svc",
            "postgresql.admin.password", "admin-pass-for-tests",
            "kafka.bootstrapServers", "kafka-0.kafka:9092,kafka-1.kafka:9092");

    private HelmChart() {}

    static Path directory() {
        Path dir = Path.of(System.getProperty("opsuite.chart.dir", "../opsuite"));
        if (!Files.isRegularFile(dir.resolve("Chart.yaml"))) {
            throw new IllegalStateException("No chart at " + dir.toAbsolutePath() + " (set -Dopsuite.chart.dir)");
        }
        return dir;
    }

    static Path ciValues(String name) {
        return directory().resolve("ci").resolve(name);
    }

    private static Path hooksVisibleCopy;

    /** The chart with its hook annotations renamed (see the class comment); made once per test JVM. */
    static synchronized Path renderDirectory() {
        if (hooksVisibleCopy == null) {
            try {
                Path copy = Files.createTempDirectory("opsuite-chart-");
                Path source = directory();
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path file : files.toList()) {
                        Path target = copy.resolve(source.relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(target);
                        } else if (file.toString().endsWith(".yaml")
                                || file.toString().endsWith(".tpl")) {
                            Files.writeString(target, Files.readString(file).replace("helm.sh/hook", HOOK_PREFIX));
                        } else {
                            Files.copy(file, target);
                        }
                    }
                }
                hooksVisibleCopy = copy;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return hooksVisibleCopy;
    }

    static LintResult lint() {
        return new Helm(directory()).lint().strict().call();
    }

    /** Renders like `helm template opsuite deploy/helm/opsuite -n opsuite-test -f file... --set k=v...`. */
    static RenderedChart render(Map<String, Object> values, Path... valuesFiles) {
        return RenderedChart.parse(template(values, valuesFiles));
    }

    static String template(Map<String, Object> values, Path... valuesFiles) {
        EmptyKubernetesApi.ensureStarted();
        TemplateCommand command = new Helm(renderDirectory())
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (Path file : valuesFiles) {
            command = command.withValuesFile(file);
        }
        for (Map.Entry<String, Object> value : values.entrySet()) {
            command = command.set(value.getKey(), value.getValue());
        }
        return command.call();
    }

    /** The error Helm reports for these values; fails the test when they render. */
    static String renderError(Map<String, Object> values, Path... valuesFiles) {
        try {
            template(values, valuesFiles);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError("Helm rendered the chart with " + values + " but should have refused");
    }

    static Map<String, Object> minimalWith(Map<String, Object> more) {
        Map<String, Object> values = new LinkedHashMap<>(MINIMAL);
        values.putAll(more);
        return values;
    }
}
