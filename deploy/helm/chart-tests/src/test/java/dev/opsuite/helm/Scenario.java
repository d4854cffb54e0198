package dev.opsuite.helm;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A values set the chart must render correctly: the README's minimal install on the defaults, and
 * "external everything, 3 replicas" (ci/external-values.yaml). {@code existingSecrets} are the Secrets
 * the values point at (made by the operator, so not rendered); {@code metricsPeers} how many extra
 * NetworkPolicy peers the values allow to scrape metrics.
 */
record Scenario(
        String name, Supplier<RenderedChart> render, int replicas, Set<String> existingSecrets, int metricsPeers) {

    private static RenderedChart defaultsRender;
    private static RenderedChart externalRender;

    static Scenario defaults() {
        return new Scenario("defaults", Scenario::renderDefaults, 2, Set.of(), 0);
    }

    static Scenario external() {
        return new Scenario(
                "external everything, 3 replicas",
                Scenario::renderExternal,
                3,
                Set.of(
                        "opsuite-admin",
                        "opsuite-encryption",
                        "opsuite-jwt",
                        "opsuite-db-roles",
                        "opsuite-db-admin",
                        "opsuite-kafka-user",
                        "postgres-ca",
                        "kafka-cluster-ca",
                        "opsuite-pve-tls"),
                1);
    }

    private static synchronized RenderedChart renderDefaults() {
        if (defaultsRender == null) {
            defaultsRender = HelmChart.render(HelmChart.MINIMAL);
        }
        return defaultsRender;
    }

    private static synchronized RenderedChart renderExternal() {
        if (externalRender == null) {
            externalRender = HelmChart.render(Map.of(), HelmChart.ciValues("external-values.yaml"));
        }
        return externalRender;
    }

    RenderedChart chart() {
        return render.get();
    }

    @Override
    public String toString() {
        return name;
    }
}
