package dev.opsuite.helm;

import java.util.List;

/** The five services as the chart knows them: object name suffix, schema/role, port. */
enum Services {
    GATEWAY("pve-gateway", "gateway", 8080),
    TELEMETRY("telemetry-service", "telemetry", 8081),
    DEPLOYMENT("deployment-service", "deployment", 8082),
    L10N("l10n-sync-service", "l10n", 8083),
    AUTOMATION("automation-service", "automation", 8084);

    final String folder;
    final String schema;
    final int port;

    Services(String folder, String schema, int port) {
        this.folder = folder;
        this.schema = schema;
        this.port = port;
    }

    /** Name of the Deployment, Service, ConfigMap, ... of this service in the test release. */
    String objectName() {
        return HelmChart.RELEASE + "-" + folder;
    }

    static List<Services> backends() {
        return List.of(TELEMETRY, DEPLOYMENT, L10N, AUTOMATION);
    }
}
