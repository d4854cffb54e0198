package dev.opsuite.devstack.launcher;

import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Main-Class of devstack-launcher.jar: puts the jar itself and every jar in {@code lib/} beside it on
 * a fresh class path and runs {@link Launcher}. Done here rather than with a manifest Class-Path,
 * because the Maven build cannot write one that lists exactly devstack's compile dependencies (the
 * broker's jars live apart in {@code kafka-lib/} and must stay off the launcher's class path).
 */
public final class LauncherBoot {
    private LauncherBoot() {}

    public static void main(String[] args) throws Throwable {
        Path jar = Path.of(LauncherBoot.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path lib = jar.resolveSibling("lib");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
            // not started from the packaged jar (e.g. an IDE): the class path is already complete
            Launcher.main(args);
            return;
        }
        List<URL> urls = new ArrayList<>();
        urls.add(jar.toUri().toURL());
        try (Stream<Path> jars = Files.list(lib)) {
            for (Path dependency :
                    jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(toUrl(dependency));
            }
        }
        ClassLoader loader =
                new URLClassLoader("devstack-launcher", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        try {
            Class.forName(Launcher.class.getName(), true, loader)
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static URL toUrl(Path path) throws MalformedURLException {
        return path.toUri().toURL();
    }
}
