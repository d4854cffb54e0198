package dev.opsuite.events.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the services' main sources really do with Kafka, read from the checkout by path (the
 * events module is built before them, so it cannot see their classes; their sources are beside
 * it). Only {@code src/main}: tests may use any topic they like.
 *
 * <ul>
 *   <li>A consumed topic: {@code mp.messaging.incoming.<channel>.topic=<topic>} in
 *       {@code application.properties}, or a topic literal in common-lib (which produces nothing of
 *       its own: its topic literals are the defaults of consumers it runs in every service, such as
 *       the revocation feed).
 *   <li>A produced topic: a topic literal ({@code "x.y.v1"}) in a service's code — a {@code TOPIC}
 *       constant for the outbox, a {@code @WithDefault} of a producer's setting — or
 *       {@code mp.messaging.outgoing.<channel>.topic}.
 *   <li>A dead-letter topic: a consumer name constant passed to {@code EventConsumer.handle} or
 *       {@code BatchApplier.apply/deadLetter}, read after an {@code @Incoming("<channel>")} whose
 *       topic says where its records come from; the topic's name is common-lib's
 *       {@code DeadLetters.topicFor} rule, read from its source.
 * </ul>
 */
final class SourceTree {
    static final String COMMON_LIB = "common-lib";
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern TOPIC = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9_-]*)*\\.v[0-9]+");
    private static final Pattern CHANNEL_TOPIC =
            Pattern.compile("^mp\\.messaging\\.(incoming|outgoing)\\.([^.=\\s]+)\\.topic\\s*=\\s*(\\S+)\\s*$");
    private static final Pattern INCOMING = Pattern.compile("@Incoming\\(\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern CONSUMER_CALL =
            Pattern.compile("\\.(handle|apply|deadLetter)\\(\\s*([A-Z][A-Z0-9_]*)\\s*,");
    private static final Pattern STRING_CONSTANT =
            Pattern.compile("static\\s+final\\s+String\\s+([A-Z][A-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern DLQ_RULE = Pattern.compile("return\\s+consumer\\s*\\+\\s*\"([^\"]+)\"\\s*;");
    private static final Pattern CREATE_EVENT = Pattern.compile("\\.create\\(\\s*\"([a-z][a-z0-9_]*)\"");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    record TopicUse(String module, String topic, String action) {}

    record DeadLetterUse(String module, String consumer, String sourceTopic, String topic) {}

    private final Path root;
    private final List<String> modules;
    private final Set<TopicUse> topicUses = new TreeSet<>(Comparator.comparing(TopicUse::toString));
    private final Set<DeadLetterUse> deadLetterUses = new TreeSet<>(Comparator.comparing(DeadLetterUse::toString));
    private final Map<String, Set<String>> imports = new HashMap<>();
    private final Map<String, Set<String>> literals = new HashMap<>();
    private final Map<String, List<String>> eventNames = new HashMap<>();
    private final String deadLetterSuffix;

    private SourceTree(Path root) throws IOException {
        this.root = root;
        this.modules = modules(root);
        this.deadLetterSuffix = deadLetterSuffix(root);
        for (String module : modules) {
            scan(module);
        }
    }

    /** The checkout this module sits in: its parent folder (surefire runs with the module as working directory). */
    static SourceTree ofCheckout() {
        Path root = Path.of("").toAbsolutePath().getParent();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve(COMMON_LIB))) {
            throw new IllegalStateException("not the opsuite checkout: " + root);
        }
        return of(root);
    }

    static SourceTree of(Path root) {
        try {
            return new SourceTree(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The root pom's modules that are services or common-lib: not this module, nothing under deploy/. */
    private static List<String> modules(Path root) throws IOException {
        List<String> modules = new ArrayList<>();
        Matcher m = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
        while (m.find()) {
            String module = m.group(1).trim();
            if (!module.equals("events")
                    && !module.startsWith("deploy/")
                    && Files.isDirectory(root.resolve(module).resolve("src/main"))) {
                modules.add(module);
            }
        }
        return List.copyOf(modules);
    }

    private static String deadLetterSuffix(Path root) throws IOException {
        Path file = root.resolve("common-lib/src/main/java/dev/opsuite/common/inbox/DeadLetters.java");
        Matcher m = DLQ_RULE.matcher(JavaSource.withoutComments(Files.readString(file)));
        if (!m.find()) {
            throw new IllegalStateException("DeadLetters.topicFor no longer reads `return consumer + \"<suffix>\";`"
                    + " — teach SourceTree the new naming rule: " + file);
        }
        return m.group(1);
    }

    private void scan(String module) throws IOException {
        Map<String, String> incoming = new LinkedHashMap<>();
        Path properties = root.resolve(module).resolve("src/main/resources/application.properties");
        if (Files.isRegularFile(properties)) {
            for (String line : Files.readAllLines(properties)) {
                Matcher m = CHANNEL_TOPIC.matcher(line.strip());
                if (m.matches()) {
                    boolean in = m.group(1).equals("incoming");
                    topicUses.add(new TopicUse(module, m.group(3), in ? "receive" : "send"));
                    if (in) {
                        incoming.put(m.group(2), m.group(3));
                    }
                }
            }
        }
        Set<String> moduleImports = new TreeSet<>();
        Set<String> moduleLiterals = new TreeSet<>();
        List<String> created = new ArrayList<>();
        Path java = root.resolve(module).resolve("src/main/java");
        if (!Files.isDirectory(java)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(java)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
            String code = JavaSource.withoutComments(Files.readString(file));
            Matcher im = IMPORT.matcher(code);
            while (im.find()) {
                moduleImports.add(im.group(1));
            }
            for (String literal : JavaSource.stringLiterals(code)) {
                moduleLiterals.add(literal);
                if (TOPIC.matcher(literal).matches() && !literal.startsWith("dev.opsuite.")) {
                    topicUses.add(new TopicUse(module, literal, module.equals(COMMON_LIB) ? "receive" : "send"));
                }
            }
            Matcher cm = CREATE_EVENT.matcher(code);
            while (cm.find()) {
                created.add(cm.group(1));
            }
            scanConsumers(module, file, code, incoming);
        }
        imports.put(module, moduleImports);
        literals.put(module, moduleLiterals);
        eventNames.put(module, created);
    }

    /** Pairs each consumer-name call with the {@code @Incoming} channel above it in the same file. */
    private void scanConsumers(String module, Path file, String code, Map<String, String> incoming) {
        Map<String, String> constants = new HashMap<>();
        Matcher c = STRING_CONSTANT.matcher(code);
        while (c.find()) {
            constants.put(c.group(1), c.group(2));
        }
        // every @Incoming above the call, by position: the nearest one is the call's channel
        TreeMap<Integer, String> incomingAt = new TreeMap<>();
        Matcher in = INCOMING.matcher(code);
        while (in.find()) {
            incomingAt.put(in.start(), in.group(1));
        }
        Matcher call = CONSUMER_CALL.matcher(code);
        while (call.find()) {
            String consumer = constants.get(call.group(2));
            if (consumer == null) {
                continue; // not a consumer name (some other upper-case argument)
            }
            Map.Entry<Integer, String> above = incomingAt.lowerEntry(call.start());
            String channel = above == null ? null : above.getValue();
            String source = channel == null
                    ? "<no @Incoming above it in " + root.relativize(file) + ">"
                    : incoming.getOrDefault(
                            channel, "<channel " + channel + " has no topic in application.properties>");
            deadLetterUses.add(new DeadLetterUse(module, consumer, source, consumer + deadLetterSuffix));
        }
    }

    List<String> modules() {
        return modules;
    }

    Set<TopicUse> topicUses() {
        return topicUses;
    }

    Set<DeadLetterUse> deadLetterUses() {
        return deadLetterUses;
    }

    String deadLetterSuffix() {
        return deadLetterSuffix;
    }

    boolean imports(String module, String className) {
        return imports.getOrDefault(module, Set.of()).contains(className);
    }

    boolean hasLiteral(String module, String literal) {
        return literals.getOrDefault(module, Set.of()).contains(literal);
    }

    /** Event names given as literals to {@code CloudEvents.create("<event>", subject)} in the module. */
    Set<String> createdEventNames(String module) {
        return new LinkedHashSet<>(eventNames.getOrDefault(module, List.of()));
    }

    Path root() {
        return root;
    }
}
