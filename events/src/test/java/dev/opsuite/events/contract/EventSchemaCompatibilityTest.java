package dev.opsuite.events.contract;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The compatibility rule, enforced: every field and enum value ever released (the baseline file)
 * is still there with the same number, label and type. New ones must be appended to the baseline,
 * which makes their later removal or renumbering fail here too. A breaking change is a new message
 * on a new {@code .v2} topic, never an edit of a baseline line.
 */
class EventSchemaCompatibilityTest {
    static final Path BASELINE = Path.of("src/test/resources/compat/events-wire-shape.txt");

    @Test
    void noReleasedFieldOrEnumValueIsRemovedRenumberedOrRetyped() throws IOException {
        Set<String> current = EventDescriptors.fromClasspath().wireShape();
        List<String> missing =
                baseline().stream().filter(l -> !current.contains(l)).toList();
        assertTrue(
                missing.isEmpty(),
                () -> "these released fields/enum values changed or disappeared; fields are only ever added"
                        + " (a breaking change is a new .v2 message and topic):\n  " + String.join("\n  ", missing));
    }

    @Test
    void everyFieldAndEnumValueIsInTheBaseline() throws IOException {
        Set<String> baseline = baseline();
        List<String> added = EventDescriptors.fromClasspath().wireShape().stream()
                .filter(l -> !baseline.contains(l))
                .toList();
        assertTrue(
                added.isEmpty(),
                () -> "new fields/enum values: append these lines to events/" + BASELINE + " so they are protected"
                        + " from now on:\n" + String.join("\n", added));
    }

    @Test
    void theBaselineCatchesARenumberedField() throws IOException {
        Set<String> current = new TreeSet<>(EventDescriptors.fromClasspath().wireShape());
        String line = "field dev.opsuite.events.v1.DeploymentEvent.deployment_id = 1 singular string";
        assertTrue(current.remove(line), () -> "expected " + line + " in " + current);
        current.add("field dev.opsuite.events.v1.DeploymentEvent.deployment_id = 30 singular string");
        assertTrue(baseline().stream().anyMatch(l -> !current.contains(l)));
    }

    private static Set<String> baseline() throws IOException {
        Set<String> lines = new TreeSet<>();
        for (String line : Files.readAllLines(BASELINE)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                lines.add(line.strip());
            }
        }
        return lines;
    }
}
