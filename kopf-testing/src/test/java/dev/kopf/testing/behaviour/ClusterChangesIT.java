package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kopf.OnCreate;
import dev.kopf.testing.KopfRunner;
import dev.kopf.testing.RecordedCall;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cluster changing under a running operator: CRDs installed or removed after start-up,
 * namespaces created and deleted that match the {@code -n} globs, and an operator that may
 * not list namespaces or watch CRDs.
 */
class ClusterChangesIT {

    private static final String LABEL = "kopf-java-dynamics-test";
    private static final String CRD_NAME = "kopflates.kopf.dev";
    private static final ResourceDefinitionContext KOPFLATES =
            new ResourceDefinitionContext.Builder().withGroup("kopf.dev").withVersion("v1")
                    .withPlural("kopflates").withKind("KopfLate").withNamespaced(true).build();

    private final List<String> namespaces = new ArrayList<>();

    @AfterEach
    void clean() {
        client().apiextensions().v1().customResourceDefinitions().withName(CRD_NAME).delete();
        for (String namespace : namespaces) {
            client().namespaces().withName(namespace).delete();
        }
    }

    public static class LateHandlers {
        @OnCreate(group = "kopf.dev", version = "v1", plural = "kopflates")
        public void createFn() {
        }
    }

    public static class ConfigMapHandlers {
        @OnCreate(value = "configmaps", labels = LABEL)
        public void createFn() {
        }
    }

    public static class LabelledAndUnlabelledHandlers {
        @OnCreate(value = "configmaps", labels = LABEL + "=yes")
        public void labelled() {
        }

        @dev.kopf.OnEvent(value = "configmaps")
        public void everything() {
        }
    }

    @Test
    void whenEveryHandlerRequiresALabelTheServerFiltersTheStreams() throws Exception {
        String namespace = TestCluster.newName("kopf-sel");
        createNamespace(namespace);
        if (TestCluster.isEmbedded()) {
            TestCluster.server().clearCalls();
        }
        try (KopfRunner runner = KopfRunner.builder().client(client())
                .handlers(ConfigMapHandlers.class).namespaces(namespace)
                .settings(TestCluster.fastSettings()).start()) {
            assertThat(runner.awaitReady(WAIT)).isTrue();
            client().configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                    .withNewMetadata().withName("unrelated").endMetadata().build()).create();
            createConfigMap(namespace, "related");
            assertThat(runner.awaitOutput("[" + namespace + "/related] Creation is processed",
                    WAIT)).isTrue();
            if (TestCluster.isEmbedded()) {
                assertThat(selectorsOfStreams(namespace)).isNotEmpty()
                        .containsOnly(LABEL);
            }
        }
        assertThat(client().configMaps().inNamespace(namespace).withName("unrelated").get()
                .getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void aHandlerWithoutLabelsKeepsTheStreamsUnfiltered() throws Exception {
        assumeTrue(TestCluster.isEmbedded(), "The requests are read from the embedded server.");
        String namespace = TestCluster.newName("kopf-nosel");
        createNamespace(namespace);
        TestCluster.server().clearCalls();
        try (KopfRunner runner = KopfRunner.builder().client(client())
                .handlers(LabelledAndUnlabelledHandlers.class).namespaces(namespace)
                .settings(TestCluster.fastSettings()).start()) {
            assertThat(runner.awaitReady(WAIT)).isTrue();
            createConfigMap(namespace, "related");
            assertThat(runner.awaitOutput("[" + namespace + "/related] Creation is processed",
                    WAIT)).isTrue();
            assertThat(selectorsOfStreams(namespace)).isNotEmpty().containsOnly("");
        }
    }

    /** The label selectors of the operator's lists and watches of configmaps, decoded. */
    private static List<String> selectorsOfStreams(String namespace) {
        return TestCluster.server().calls().stream()
                .filter(call -> call.method().equals("GET")
                        && call.path().equals("/api/v1/namespaces/" + namespace + "/configmaps"))
                .map(call -> java.util.Arrays.stream(
                                (call.query() == null ? "" : call.query()).split("&"))
                        .filter(part -> part.startsWith("labelSelector="))
                        .map(part -> java.net.URLDecoder.decode(part.substring(14),
                                java.nio.charset.StandardCharsets.UTF_8))
                        .findFirst().orElse(""))
                .toList();
    }

    @Test
    void aCrdInstalledAfterStartIsServedAndItsRemovalStopsItsStreams() throws Exception {
        try (KopfRunner runner = KopfRunner.builder().client(client())
                .handlers(LateHandlers.class).namespaces(TestCluster.NAMESPACE)
                .settings(TestCluster.fastSettings()).start()) {
            assertThat(runner.awaitReady(WAIT)).isTrue();
            assertThat(runner.awaitOutput("Unresolved resources cannot be served (try creating "
                    + "their CRDs): group=kopf.dev, version=v1, plural=kopflates", WAIT)).isTrue();

            // "Operator and CRDs in one Helm release": the CRD comes after the operator.
            installLateCrd();
            assertThat(runner.awaitOutput("Resource kopflates.v1.kopf.dev is served now", WAIT))
                    .isTrue();
            String name = TestCluster.newName("late");
            createLate(name);
            assertThat(runner.awaitOutput("[" + TestCluster.NAMESPACE + "/" + name
                    + "] Creation is processed", WAIT)).isTrue();

            client().apiextensions().v1().customResourceDefinitions().withName(CRD_NAME)
                    .delete();
            assertThat(runner.awaitOutput("Resource kopflates.v1.kopf.dev is no longer served;"
                    + " its watch-streams are stopped.", WAIT)).isTrue();

            // Installed again, it is served again.
            client().apiextensions().v1().customResourceDefinitions().withName(CRD_NAME)
                    .waitUntilCondition(crd -> crd == null, WAIT.toSeconds(), TimeUnit.SECONDS);
            installLateCrd();
            String again = TestCluster.newName("again");
            createLate(again);
            assertThat(runner.awaitOutput("[" + TestCluster.NAMESPACE + "/" + again
                    + "] Creation is processed", WAIT)).isTrue();
        }
    }

    @Test
    void withoutTheCrdWatchARemovedCrdIsNoticedByItsStreamsNotFound() throws Exception {
        assumeTrue(TestCluster.isEmbedded(), "The 403 is injected into the embedded server.");
        installLateCrd();
        TestCluster.server().failNext("GET",
                "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", 403,
                "customresourcedefinitions.apiextensions.k8s.io is forbidden");
        // The client resumes an ended watch by itself, and says nothing of its 404s: the
        // stream is found stale when the inactivity timeout passes without a bookmark.
        dev.kopf.OperatorSettings settings = TestCluster.fastSettings().toBuilder()
                .watching(w -> w.withInactivityTimeout(java.time.Duration.ofMillis(500)))
                .build();
        try (KopfRunner runner = KopfRunner.builder().client(client())
                .handlers(LateHandlers.class).namespaces(TestCluster.NAMESPACE)
                .settings(settings).start()) {
            assertThat(runner.awaitReady(WAIT)).isTrue();
            assertThat(runner.awaitOutput("Not enough permissions to watch for resources",
                    WAIT)).isTrue();

            client().apiextensions().v1().customResourceDefinitions().withName(CRD_NAME)
                    .delete();
            assertThat(runner.awaitOutput("Resource kopflates.v1.kopf.dev is no longer served;"
                    + " its watch-streams are stopped.", WAIT)).isTrue();
        }
    }

    @Test
    void namespacesCreatedAndDeletedAtRunTimeAreServedByTheirGlob() throws Exception {
        String prefix = TestCluster.newName("kopf-dyn");
        String early = prefix + "-early";
        String later = prefix + "-later";
        createNamespace(early);
        try (KopfRunner runner = KopfRunner.builder().client(client())
                .handlers(ConfigMapHandlers.class).namespaces(prefix + "-*")
                .settings(TestCluster.fastSettings()).start()) {
            assertThat(runner.awaitReady(WAIT)).isTrue();
            createConfigMap(early, "cm");
            assertThat(runner.awaitOutput("[" + early + "/cm] Creation is processed", WAIT))
                    .isTrue();

            createNamespace(later);
            assertThat(runner.awaitOutput("Namespace '" + later + "' is created; serving it.",
                    WAIT)).isTrue();
            createConfigMap(later, "cm");
            assertThat(runner.awaitOutput("[" + later + "/cm] Creation is processed", WAIT))
                    .isTrue();

            client().namespaces().withName(later).delete();
            assertThat(runner.awaitOutput("Namespace '" + later + "' is deleted; its "
                    + "watch-streams are stopped.", WAIT)).isTrue();
        }
    }

    @Test
    void withoutPermissionToListNamespacesTheLiteralNamesAreServedAndSaidSoOnce()
            throws Exception {
        assumeTrue(TestCluster.isEmbedded(), "The 403 is injected into the embedded server.");
        String literal = TestCluster.newName("kopf-lit");
        createNamespace(literal);
        // A namespaced operator with only a Role: listing namespaces and watching CRDs fail.
        TestCluster.server().failNext("GET", "/api/v1/namespaces", 403,
                "namespaces is forbidden: User \"operator\" cannot list resource \"namespaces\"");
        TestCluster.server().failNext("GET",
                "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", 403,
                "customresourcedefinitions.apiextensions.k8s.io is forbidden");
        TestCluster.server().clearCalls();
        try (KopfRunner runner = KopfRunner.builder().client(client())
                .handlers(ConfigMapHandlers.class).namespaces(literal + ",kopf-glob-*")
                .settings(TestCluster.fastSettings()).start()) {
            assertThat(runner.awaitReady(WAIT)).isTrue();
            assertThat(runner.awaitOutput("Not enough permissions to list namespaces. Falling "
                    + "back to a list of namespaces which are assumed to exist: [" + literal
                    + "]", WAIT)).isTrue();
            assertThat(runner.awaitOutput("Not enough permissions to watch for resources",
                    WAIT)).isTrue();
            createConfigMap(literal, "cm");
            assertThat(runner.awaitOutput("[" + literal + "/cm] Creation is processed", WAIT))
                    .isTrue();

            // Each was asked once: a 403 is said once and never retried.
            assertThat(calls("/api/v1/namespaces")).isEqualTo(1);
            assertThat(calls("/apis/apiextensions.k8s.io/v1/customresourcedefinitions"))
                    .isEqualTo(1);
            assertThat(runner.output().split("Not enough permissions to list namespaces", -1))
                    .hasSize(2);
        }
    }

    private static long calls(String path) {
        return TestCluster.server().calls().stream().map(RecordedCall::path)
                .filter(path::equals).count();
    }

    private void createNamespace(String name) {
        namespaces.add(name);
        client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .endMetadata().build()).create();
    }

    private static ConfigMap createConfigMap(String namespace, String name) {
        return client().configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                .withNewMetadata().withName(name).addToLabels(LABEL, "yes").endMetadata()
                .build()).create();
    }

    private static void installLateCrd() {
        CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(CRD_NAME).endMetadata()
                .withNewSpec().withGroup("kopf.dev").withScope("Namespaced")
                .withNewNames().withKind("KopfLate").withPlural("kopflates")
                .withSingular("kopflate").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object")
                .withXKubernetesPreserveUnknownFields(true).endOpenAPIV3Schema().endSchema()
                .endVersion().endSpec().build();
        client().apiextensions().v1().customResourceDefinitions().resource(crd).create();
        client().apiextensions().v1().customResourceDefinitions().withName(CRD_NAME)
                .waitUntilCondition(c -> c != null && c.getStatus() != null
                        && c.getStatus().getConditions() != null
                        && c.getStatus().getConditions().stream().anyMatch(
                                cond -> "Established".equals(cond.getType())
                                        && "True".equals(cond.getStatus())),
                        WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static GenericKubernetesResource createLate(String name) {
        return client().genericKubernetesResources(KOPFLATES).inNamespace(TestCluster.NAMESPACE)
                .resource(new GenericKubernetesResourceBuilder().withApiVersion("kopf.dev/v1")
                        .withKind("KopfLate").withNewMetadata().withName(name).endMetadata()
                        .addToAdditionalProperties("spec", Map.of()).build()).create();
    }
}
