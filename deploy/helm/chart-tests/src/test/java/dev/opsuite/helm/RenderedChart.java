package dev.opsuite.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The objects of one `helm template` run, parsed into the fabric8 model (unknown kinds stay generic). */
record RenderedChart(String yaml, List<HasMetadata> objects) {
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static RenderedChart parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
            if (document.lines().allMatch(line -> line.isBlank() || line.startsWith("#"))) {
                continue;
            }
            Object parsed = SERIALIZATION.unmarshal(document);
            if (!(parsed instanceof HasMetadata object)) {
                throw new AssertionError("Not a Kubernetes object:\n" + document);
            }
            objects.add(object);
        }
        return new RenderedChart(yaml, List.copyOf(objects));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return all(type).stream()
                .filter(o -> o.getMetadata().getName().equals(name))
                .findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return find(type, name)
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " rendered; have "
                        + objects.stream()
                                .map(o -> o.getKind() + "/" + o.getMetadata().getName())
                                .toList()));
    }

    /** Objects of kinds the fabric8 model does not know (ServiceMonitor, Strimzi, CloudNativePG). */
    List<GenericKubernetesResource> custom(String apiVersion, String kind) {
        return all(GenericKubernetesResource.class).stream()
                .filter(o -> o.getApiVersion().equals(apiVersion) && o.getKind().equals(kind))
                .toList();
    }

    GenericKubernetesResource single(String apiVersion, String kind) {
        List<GenericKubernetesResource> found = custom(apiVersion, kind);
        assertEquals(1, found.size(), "exactly one " + kind);
        return found.get(0);
    }
}
