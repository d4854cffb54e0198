package dev.opsuite.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every install must get right, for the defaults and for "external everything, 3 replicas". */
class RenderedObjectsTest {
    private static final String CHART_SECRET = HelmChart.RELEASE + "-credentials";
    private static final String MIGRATION_JOB = HelmChart.RELEASE + "-migrate";
    /** Setting names that carry a secret; none may appear in a ConfigMap. */
    private static final Pattern SECRET_SETTING =
            Pattern.compile("(?i).*(PASSWORD|JAAS|SECRETS_KEYS|SIGNING_KEY$|PRIVATE|TOKEN).*");

    static Stream<Scenario> scenarios() {
        return Stream.of(Scenario.defaults(), Scenario.external());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyServiceGetsItsDeploymentServiceServiceAccountConfigMapAndDisruptionBudget(Scenario scenario) {
        RenderedChart chart = scenario.chart();
        for (Services service : Services.values()) {
            String name = service.objectName();
            Deployment deployment = chart.get(Deployment.class, name);
            assertEquals(
                    name,
                    deployment.getSpec().getTemplate().getSpec().getServiceAccountName(),
                    "service account of " + name);
            chart.get(ServiceAccount.class, name);
            chart.get(ConfigMap.class, name);
            chart.get(PodDisruptionBudget.class, name);
            Service svc = chart.get(Service.class, name);
            assertEquals(service.port, svc.getSpec().getPorts().get(0).getPort(), "port of Service " + name);
            assertEquals("http", svc.getSpec().getPorts().get(0).getName());
        }
        assertEquals(5, chart.all(Deployment.class).size(), "one Deployment per service, nothing else");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void replicasAreTheConfiguredCountOrLeftToTheAutoscaler(Scenario scenario) {
        RenderedChart chart = scenario.chart();
        for (Services service : Services.values()) {
            Deployment deployment = chart.get(Deployment.class, service.objectName());
            var hpa = chart.find(HorizontalPodAutoscaler.class, service.objectName());
            if (hpa.isPresent()) {
                assertNull(deployment.getSpec().getReplicas(), "an autoscaled Deployment leaves replicas to its HPA");
                assertEquals(scenario.replicas(), hpa.get().getSpec().getMinReplicas());
                assertEquals(
                        service.objectName(),
                        hpa.get().getSpec().getScaleTargetRef().getName());
                assertEquals(
                        "Deployment", hpa.get().getSpec().getScaleTargetRef().getKind());
            } else {
                assertEquals(scenario.replicas(), deployment.getSpec().getReplicas(), service.objectName());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void probesCheckLivenessAndReadinessOnTheServicesOwnHttpPort(Scenario scenario) {
        for (Services service : Services.values()) {
            Container container = mainContainer(scenario.chart(), service);
            ContainerPort http = container.getPorts().stream()
                    .filter(p -> "http".equals(p.getName()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(service + " has no port named http"));
            assertEquals(service.port, http.getContainerPort(), service + " listens on its fixed port");
            assertProbe(container.getStartupProbe(), "/q/health/live", service + " startupProbe");
            assertProbe(container.getLivenessProbe(), "/q/health/live", service + " livenessProbe");
            assertProbe(container.getReadinessProbe(), "/q/health/ready", service + " readinessProbe");
            int startupBudget = container.getStartupProbe().getPeriodSeconds()
                    * container.getStartupProbe().getFailureThreshold();
            assertTrue(
                    startupBudget >= 60 && startupBudget <= 300,
                    service + ": startup budget " + startupBudget + " s, sized from measured starts (README, Probes)");
        }
    }

    private static void assertProbe(Probe probe, String path, String what) {
        assertNotNull(probe, what);
        assertNotNull(probe.getHttpGet(), what + " is an HTTP GET");
        assertEquals(path, probe.getHttpGet().getPath(), what);
        assertEquals("http", probe.getHttpGet().getPort().getStrVal(), what + " targets the named http port");
        assertTrue(probe.getTimeoutSeconds() > 0 && probe.getFailureThreshold() > 0, what);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyContainerHasCpuAndMemoryLimitsNotBelowItsRequests(Scenario scenario) {
        for (Container container : allContainers(scenario.chart())) {
            Map<String, Quantity> limits = container.getResources().getLimits();
            Map<String, Quantity> requests = container.getResources().getRequests();
            assertNotNull(limits, container.getName() + " has limits");
            for (String resource : List.of("cpu", "memory")) {
                assertTrue(limits.containsKey(resource), container.getName() + " limits " + resource);
                assertTrue(requests.containsKey(resource), container.getName() + " requests " + resource);
                assertTrue(
                        Quantity.getAmountInBytes(limits.get(resource))
                                        .compareTo(Quantity.getAmountInBytes(requests.get(resource)))
                                >= 0,
                        container.getName() + ": " + resource + " limit below its request");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void everyPodRunsAsNonRootWithAReadOnlyRootNoEscalationAndNoCapabilities(Scenario scenario) {
        RenderedChart chart = scenario.chart();
        List<PodSpec> pods = new ArrayList<>();
        chart.all(Deployment.class)
                .forEach(d -> pods.add(d.getSpec().getTemplate().getSpec()));
        pods.add(chart.get(Job.class, MIGRATION_JOB).getSpec().getTemplate().getSpec());
        for (PodSpec pod : pods) {
            PodSecurityContext podContext = pod.getSecurityContext();
            assertEquals(Boolean.TRUE, podContext.getRunAsNonRoot());
            assertTrue(podContext.getRunAsUser() > 0, "pod uid is not root");
            assertEquals("RuntimeDefault", podContext.getSeccompProfile().getType());
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), "no API token in the pods");
            List<Container> containers = new ArrayList<>(pod.getContainers());
            if (pod.getInitContainers() != null) {
                containers.addAll(pod.getInitContainers());
            }
            for (Container container : containers) {
                SecurityContext context = container.getSecurityContext();
                String who = container.getName();
                assertNotNull(context, who + " has a security context");
                assertEquals(Boolean.TRUE, context.getReadOnlyRootFilesystem(), who + " read-only root");
                assertEquals(Boolean.FALSE, context.getAllowPrivilegeEscalation(), who + " no escalation");
                assertEquals(Boolean.FALSE, context.getPrivileged(), who + " not privileged");
                assertEquals(Boolean.TRUE, context.getRunAsNonRoot(), who + " non-root");
                assertEquals(List.of("ALL"), context.getCapabilities().getDrop(), who + " drops all capabilities");
                assertTrue(
                        context.getCapabilities().getAdd() == null
                                || context.getCapabilities().getAdd().isEmpty(),
                        who + " adds none");
            }
        }
        // the read-only root still leaves the services somewhere to write
        for (Services service : Services.values()) {
            PodSpec pod = chart.get(Deployment.class, service.objectName())
                    .getSpec()
                    .getTemplate()
                    .getSpec();
            Map<String, String> mounts = mainContainer(chart, service).getVolumeMounts().stream()
                    .collect(Collectors.toMap(VolumeMount::getMountPath, VolumeMount::getName));
            for (String path : List.of("/tmp", "/var/lib/opsuite")) {
                String volumeName = mounts.get(path);
                assertNotNull(volumeName, service + " mounts a writable " + path);
                Volume volume = pod.getVolumes().stream()
                        .filter(v -> v.getName().equals(volumeName))
                        .findFirst()
                        .orElseThrow();
                assertNotNull(volume.getEmptyDir(), path + " is an emptyDir");
                assertNotNull(volume.getEmptyDir().getSizeLimit(), path + " has a size limit");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void selectorsOfDeploymentsServicesAndBudgetsPickExactlyTheirOwnPods(Scenario scenario) {
        RenderedChart chart = scenario.chart();
        Map<String, Map<String, String>> podLabels = new LinkedHashMap<>();
        for (Deployment deployment : chart.all(Deployment.class)) {
            podLabels.put(
                    deployment.getMetadata().getName(),
                    deployment.getSpec().getTemplate().getMetadata().getLabels());
        }
        for (Services service : Services.values()) {
            String own = service.objectName();
            Deployment deployment = chart.get(Deployment.class, own);
            assertEquals(
                    Set.of(own),
                    picked(
                            podLabels,
                            labels -> Selectors.matches(deployment.getSpec().getSelector(), labels)),
                    "Deployment selector of " + own);
            Service svc = chart.get(Service.class, own);
            assertEquals(
                    Set.of(own),
                    picked(podLabels, labels -> Selectors.matches(svc.getSpec().getSelector(), labels)),
                    "Service selector of " + own);
            PodDisruptionBudget pdb = chart.get(PodDisruptionBudget.class, own);
            assertEquals(
                    Set.of(own),
                    picked(podLabels, labels -> Selectors.matches(pdb.getSpec().getSelector(), labels)),
                    "PodDisruptionBudget selector of " + own);
        }
    }

    private static Set<String> picked(
            Map<String, Map<String, String>> podLabels, java.util.function.Predicate<Map<String, String>> selector) {
        return podLabels.entrySet().stream()
                .filter(e -> selector.test(e.getValue()))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void networkPoliciesLetOnlyTheGatewayReachTheServicesHttpPorts(Scenario scenario) {
        RenderedChart chart = scenario.chart();
        Map<String, String> gatewayPods = podLabels(chart, Services.GATEWAY);
        for (Services backend : Services.backends()) {
            Map<String, String> pods = podLabels(chart, backend);
            List<NetworkPolicy> policies = chart.all(NetworkPolicy.class).stream()
                    .filter(p -> Selectors.matches(p.getSpec().getPodSelector(), pods))
                    .toList();
            assertEquals(1, policies.size(), "one NetworkPolicy isolates " + backend);
            NetworkPolicy policy = policies.get(0);
            assertTrue(policy.getSpec().getPolicyTypes().contains("Ingress"));
            List<NetworkPolicyPeer> podPeers = new ArrayList<>();
            List<NetworkPolicyPeer> otherPeers = new ArrayList<>();
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                assertNotNull(rule.getFrom(), backend + ": a rule without 'from' would admit every pod");
                assertFalse(rule.getFrom().isEmpty(), backend + ": a rule with empty 'from' would admit every pod");
                assertEquals(
                        List.of("http"),
                        rule.getPorts().stream()
                                .map(p -> p.getPort().getStrVal())
                                .toList(),
                        backend + " admits only its HTTP port");
                for (NetworkPolicyPeer peer : rule.getFrom()) {
                    if (peer.getPodSelector() != null && peer.getNamespaceSelector() == null) {
                        podPeers.add(peer);
                    } else {
                        otherPeers.add(peer);
                    }
                }
            }
            assertEquals(1, podPeers.size(), backend + ": exactly one pod peer, the gateway");
            for (Services any : Services.values()) {
                boolean admitted = Selectors.matches(podPeers.get(0).getPodSelector(), podLabels(chart, any));
                assertEquals(any == Services.GATEWAY, admitted, backend + " admits " + any + "? ");
            }
            assertTrue(Selectors.matches(podPeers.get(0).getPodSelector(), gatewayPods));
            assertEquals(scenario.metricsPeers(), otherPeers.size(), backend + ": only the configured metrics peers");
            for (NetworkPolicyPeer peer : otherPeers) {
                assertNull(peer.getIpBlock(), "no address ranges");
                assertNotNull(peer.getNamespaceSelector(), "metrics peers are namespaces");
                assertFalse(
                        peer.getNamespaceSelector().getMatchLabels().isEmpty(),
                        "an empty namespace selector would admit every namespace");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void configMapsHoldNoSecretSettingAndNoSecretValue(Scenario scenario) {
        RenderedChart chart = scenario.chart();
        List<String> secretValues = chart.all(Secret.class).stream()
                .flatMap(s -> s.getData().values().stream())
                .map(v -> new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8))
                .toList();
        List<ConfigMap> configMaps = chart.all(ConfigMap.class);
        assertFalse(configMaps.isEmpty());
        for (ConfigMap configMap : configMaps) {
            for (Map.Entry<String, String> entry : configMap.getData().entrySet()) {
                String where = configMap.getMetadata().getName() + "/" + entry.getKey();
                if (!entry.getKey().endsWith(".sql")) {
                    assertFalse(SECRET_SETTING.matcher(entry.getKey()).matches(), where + " names a secret");
                }
                for (String secret : secretValues) {
                    assertFalse(entry.getValue().contains(secret), where + " contains a secret value");
                }
            }
        }
        // nor anywhere else outside the Secret: plain env values, annotations, the job
        String outsideSecrets = chart.objects().stream()
                .filter(o -> !(o instanceof Secret))
                .map(Object::toString)
                .collect(Collectors.joining("\n"));
        for (String secret : secretValues) {
            assertFalse(outsideSecrets.contains(secret), "a secret value appears outside the Secret");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void secretsReachPodsOnlyThroughSecretKeyRefsThatResolve(Scenario scenario) {
        RenderedChart chart = scenario.chart();
        Map<String, Secret> rendered = chart.all(Secret.class).stream()
                .collect(Collectors.toMap(s -> s.getMetadata().getName(), s -> s));
        for (Container container : allContainers(chart)) {
            for (EnvVar env : container.getEnv()) {
                if (SECRET_SETTING.matcher(env.getName()).matches()
                        && !env.getName().equals("KAFKA_SASL_JAAS_CONFIG")) {
                    assertNotNull(
                            env.getValueFrom(), container.getName() + ": " + env.getName() + " comes from a Secret");
                }
                if (env.getValueFrom() == null || env.getValueFrom().getSecretKeyRef() == null) {
                    continue;
                }
                SecretKeySelector ref = env.getValueFrom().getSecretKeyRef();
                String where = container.getName() + ": " + env.getName() + " -> " + ref.getName() + "/" + ref.getKey();
                if (rendered.containsKey(ref.getName())) {
                    assertTrue(rendered.get(ref.getName()).getData().containsKey(ref.getKey()), where + " key exists");
                } else {
                    assertTrue(scenario.existingSecrets().contains(ref.getName()), where + " names a declared Secret");
                }
            }
        }
        if (scenario.existingSecrets().isEmpty()) {
            Secret secret = chart.get(Secret.class, CHART_SECRET);
            Map<String, String> annotations = secret.getMetadata().getAnnotations();
            assertEquals("pre-install,pre-upgrade", annotations.get(HelmChart.HOOK_PREFIX));
            assertEquals("keep", annotations.get("helm.sh/resource-policy"), "kept on uninstall");
            byte[] key = Base64.getDecoder()
                    .decode(Base64.getDecoder().decode(secret.getData().get("secrets-key-v1")));
            assertEquals(32, key.length, "a generated AES-256 key");
        } else {
            assertTrue(chart.find(Secret.class, CHART_SECRET).isEmpty(), "everything comes from existing Secrets");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void theGatewayRoutesToTheRenderedServicesAndTheServicesReadItsJwks(Scenario scenario) {
        RenderedChart chart = scenario.chart();
        Map<String, String> gatewayEnv =
                chart.get(ConfigMap.class, Services.GATEWAY.objectName()).getData();
        for (Services backend : Services.backends()) {
            String variable = "OPSUITE_GATEWAY_UPSTREAM_" + backend.name();
            assertEquals("http://" + backend.objectName() + ":" + backend.port, gatewayEnv.get(variable), variable);
            chart.get(Service.class, backend.objectName());
            assertEquals(
                    "http://" + Services.GATEWAY.objectName() + ":8080/.well-known/jwks.json",
                    chart.get(ConfigMap.class, backend.objectName()).getData().get("OPSUITE_JWKS_URL"));
        }
        for (Services service : Services.values()) {
            Map<String, String> env =
                    chart.get(ConfigMap.class, service.objectName()).getData();
            assertEquals(service.schema, env.get("QUARKUS_DATASOURCE_USERNAME"), "the service's own role");
            assertEquals("false", env.get("QUARKUS_FLYWAY_MIGRATE_AT_START"), "the job migrated already");
            assertEquals(
                    service.objectName(),
                    mainContainer(chart, service)
                            .getEnvFrom()
                            .get(0)
                            .getConfigMapRef()
                            .getName());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void theMigrationJobProvisionsThenMigratesEveryServiceWithItsDeploymentsSettings(Scenario scenario) {
        RenderedChart chart = scenario.chart();
        Job job = chart.get(Job.class, MIGRATION_JOB);
        assertEquals(
                "pre-install,pre-upgrade", job.getMetadata().getAnnotations().get(HelmChart.HOOK_PREFIX));
        assertEquals("0", job.getMetadata().getAnnotations().get(HelmChart.HOOK_PREFIX + "-weight"));
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertEquals("Never", pod.getRestartPolicy());
        List<Container> steps = new ArrayList<>(pod.getInitContainers());
        steps.addAll(pod.getContainers());
        List<String> expectedOrder = new ArrayList<>(List.of("provision-database"));
        for (Services service : Services.values()) {
            expectedOrder.add("migrate-" + service.folder);
        }
        assertEquals(expectedOrder, steps.stream().map(Container::getName).toList(), "steps in order");

        Container provision = steps.get(0);
        assertEquals(
                "/etc/opsuite/sql/provision.sql", provision.getCommand().get(2).replaceAll(".*--file (\\S+).*", "$1"));
        Set<String> passwordVariables = provision.getEnv().stream()
                .map(EnvVar::getName)
                .filter(n -> n.startsWith("OPSUITE_DB_PASSWORD_"))
                .collect(Collectors.toSet());
        assertEquals(
                Stream.of(Services.values())
                        .map(s -> "OPSUITE_DB_PASSWORD_" + s.schema.toUpperCase())
                        .collect(Collectors.toSet()),
                passwordVariables);

        for (Services service : Services.values()) {
            Container step = steps.get(service.ordinal() + 1);
            Map<String, String> env = plainEnv(step);
            assertEquals("true", env.get("QUARKUS_INIT_AND_EXIT"), step.getName());
            assertEquals("true", env.get("QUARKUS_FLYWAY_MIGRATE_AT_START"), step.getName());
            assertEquals(mainContainer(chart, service).getImage(), step.getImage(), "the service's own image");
            Map<String, String> deploymentEnv = new LinkedHashMap<>(
                    chart.get(ConfigMap.class, service.objectName()).getData());
            env.remove("QUARKUS_INIT_AND_EXIT");
            env.remove("QUARKUS_FLYWAY_MIGRATE_AT_START");
            deploymentEnv.remove("QUARKUS_FLYWAY_MIGRATE_AT_START");
            assertEquals(deploymentEnv, env, step.getName() + " runs with the settings its Deployment gets");
            assertEquals(
                    secretRefs(mainContainer(chart, service)),
                    secretRefs(step),
                    step.getName() + " reads the same secrets as its Deployment");
        }
    }

    private static Map<String, String> plainEnv(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        container.getEnv().stream()
                .filter(e -> e.getValueFrom() == null && !e.getName().equals("KAFKA_SASL_JAAS_CONFIG"))
                .forEach(e -> env.put(e.getName(), e.getValue()));
        return env;
    }

    private static Map<String, String> secretRefs(Container container) {
        return container.getEnv().stream()
                .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .collect(Collectors.toMap(
                        EnvVar::getName,
                        e -> e.getValueFrom().getSecretKeyRef().getName() + "/"
                                + e.getValueFrom().getSecretKeyRef().getKey()));
    }

    static Container mainContainer(RenderedChart chart, Services service) {
        List<Container> containers = chart.get(Deployment.class, service.objectName())
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers();
        assertEquals(1, containers.size(), service + " runs one container");
        assertEquals(service.folder, containers.get(0).getName());
        return containers.get(0);
    }

    static Map<String, String> podLabels(RenderedChart chart, Services service) {
        return chart.get(Deployment.class, service.objectName())
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getLabels();
    }

    private static List<Container> allContainers(RenderedChart chart) {
        List<Container> containers = new ArrayList<>();
        for (Deployment deployment : chart.all(Deployment.class)) {
            containers.addAll(deployment.getSpec().getTemplate().getSpec().getContainers());
        }
        PodSpec job =
                chart.get(Job.class, MIGRATION_JOB).getSpec().getTemplate().getSpec();
        containers.addAll(job.getInitContainers());
        containers.addAll(job.getContainers());
        return containers.stream().filter(Objects::nonNull).toList();
    }
}
