package dev.opsuite.devstack.kafka;

import dev.opsuite.devstack.DevstackException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;

/**
 * The broker's class path, kept apart from the class path of whoever uses devstack (Quarkus test
 * class paths must not see Scala or the broker). Two sources, first match wins:
 * <ol>
 *   <li>{@code kafka-lib/} next to the devstack jar: the packaged launcher copies the broker there;</li>
 *   <li>the {@code broker.classpath} resource the build writes, whose entries point into a Maven local
 *       repository ({@code @M2@} placeholder), resolved against the repository this JVM's own
 *       kafka-clients jar came from, {@code -Dmaven.repo.local}, or {@code ~/.m2/repository}.</li>
 * </ol>
 */
final class BrokerClasspath {
    private static final String RESOURCE = "broker.classpath";
    private static final String PLACEHOLDER = "@M2@";

    private BrokerClasspath() {}

    /** The broker's jars, without devstack's own code. */
    static List<Path> brokerJars() {
        return fromKafkaLibDirectory().orElseGet(BrokerClasspath::fromResource);
    }

    /** Where {@link BrokerMain} can be loaded from (a jar or a classes directory), if known. */
    static Optional<Path> devstackCode() {
        return codeLocation(BrokerMain.class).filter(Files::exists);
    }

    private static Optional<List<Path>> fromKafkaLibDirectory() {
        return codeLocation(BrokerClasspath.class)
                .filter(Files::isRegularFile)
                .map(jar -> jar.resolveSibling("kafka-lib"))
                .filter(Files::isDirectory)
                .map(dir -> {
                    try (Stream<Path> jars = Files.list(dir)) {
                        return jars.filter(p -> p.toString().endsWith(".jar"))
                                .sorted()
                                .toList();
                    } catch (IOException e) {
                        throw new DevstackException("Cannot list broker jars in " + dir + ": " + e.getMessage(), e);
                    }
                })
                .filter(jars -> !jars.isEmpty());
    }

    private static List<Path> fromResource() {
        List<String> templates = readResource();
        Set<Path> repositories = new LinkedHashSet<>();
        codeLocation(Admin.class).flatMap(BrokerClasspath::repositoryHolding).ifPresent(repositories::add);
        Optional.ofNullable(System.getProperty("maven.repo.local"))
                .map(Path::of)
                .ifPresent(repositories::add);
        repositories.add(Path.of(System.getProperty("user.home"), ".m2", "repository"));
        List<String> missingIn = new ArrayList<>();
        for (Path repository : repositories) {
            List<Path> jars = templates.stream()
                    .map(t -> Path.of(t.replace(PLACEHOLDER, repository.toString())))
                    .toList();
            List<Path> missing =
                    jars.stream().filter(p -> !Files.isRegularFile(p)).toList();
            if (missing.isEmpty()) {
                return jars;
            }
            missingIn.add(repository + " lacks " + missing.get(0).getFileName());
        }
        throw new DevstackException("The Kafka broker's jars are not in any local Maven repository (" + missingIn
                + "). Rebuild devstack: ./mvnw -B -pl deploy/devstack install -DskipTests");
    }

    private static List<String> readResource() {
        try (InputStream in = BrokerClasspath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new DevstackException("Resource " + RESOURCE + " is missing from devstack: it was built without "
                        + "the maven-dependency-plugin broker-classpath execution");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return Arrays.stream(text.split("[:\\n]"))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new DevstackException("Cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** .../repository/org/apache/kafka/kafka-clients/4.0.0/kafka-clients-4.0.0.jar -> .../repository */
    private static Optional<Path> repositoryHolding(Path jar) {
        Path repository = jar;
        for (int i = 0; i < 5 && repository != null; i++) {
            repository = repository.getParent();
        }
        return Optional.ofNullable(repository).filter(Files::isDirectory);
    }

    static Optional<Path> codeLocation(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
