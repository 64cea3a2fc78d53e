package dev.kopf.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.kopf.HandlerOutcome;
import dev.kopf.Meta;
import dev.kopf.OnCreate;
import dev.kopf.OperatorSettings;
import dev.kopf.Reason;
import dev.kopf.testing.internal.junit.ClusterSession;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** {@code @KopfTest}: a cluster per class, an operator per test, clean objects between. */
@KopfTest(handlers = KopfExtensionTest.ChildHandlers.class, crds = "../examples/crd.yaml",
        cleanup = "configmaps", settings = KopfExtensionTest.FastSettings.class)
@TestMethodOrder(OrderAnnotation.class)
class KopfExtensionTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final ResourceDefinitionContext KOPFEXAMPLES = new ResourceDefinitionContext.Builder()
            .withGroup("kopf.dev").withVersion("v1").withPlural("kopfexamples")
            .withKind("KopfExample").withNamespaced(true).build();

    static KubernetesClient classClient;
    static KopfRunner firstRunner;

    KubernetesClient client;
    EmbeddedKubernetes server;
    KopfRunner runner;
    KopfRunner runnerSeenByBeforeEach;

    /** Creates a config map for every example object, so that cleanup has children to do. */
    public static class ChildHandlers {
        @OnCreate("kopfexamples")
        public Map<String, Object> createFn(Meta meta, KubernetesClient client) {
            client.configMaps().inNamespace(meta.namespace()).resource(new ConfigMapBuilder()
                    .withNewMetadata().withName(meta.name() + "-child").endMetadata()
                    .addToData("parent", meta.name()).build()).create();
            return Map.of("message", "hello world");
        }
    }

    /** Kopf's settings with short retries. */
    public static class FastSettings implements Supplier<OperatorSettings> {
        @Override
        public OperatorSettings get() {
            return OperatorSettings.builder()
                    .execution(e -> e.withDefaultBackoff(Duration.ofMillis(200))).build();
        }
    }

    @BeforeAll
    static void staticFieldsAreSetBeforeTheClass(KubernetesClient parameter) {
        assertThat(classClient).isNotNull().isSameAs(parameter);
    }

    @BeforeEach
    void runnerIsStartedBeforeBeforeEachMethods(KopfRunner parameter) {
        assertThat(parameter).isSameAs(runner);
        runnerSeenByBeforeEach = parameter;
    }

    @Test
    @Order(1)
    void injectsTheClusterAndARunningOperator(KubernetesClient clientParameter,
            EmbeddedKubernetes serverParameter, KopfRunner runnerParameter)
            throws InterruptedException {
        firstRunner = runner;
        assertThat(clientParameter).isSameAs(client).isSameAs(classClient);
        assertThat(serverParameter).isSameAs(server);
        assertThat(runnerParameter).isSameAs(runner).isSameAs(runnerSeenByBeforeEach);
        assertThat(server != null).isEqualTo(ClusterSession.isEmbedded());

        client.genericKubernetesResources(KOPFEXAMPLES).inNamespace("default")
                .resource(example("extension-1")).create();

        assertThat(runner.awaitOutcome(o -> o.name().equals("extension-1")
                && o.result() == HandlerOutcome.Result.SUCCEEDED, WAIT)).isTrue();
        assertThat(runner.outcomes()).filteredOn(o -> o.name().equals("extension-1"))
                .extracting(HandlerOutcome::handlerId, HandlerOutcome::reason,
                        HandlerOutcome::result, HandlerOutcome::attempt)
                .containsExactly(tuple("createFn", Reason.CREATE,
                        HandlerOutcome.Result.SUCCEEDED, 0));
        assertThat(runner.awaitOutput("[default/extension-1] Creation is in progress:", WAIT))
                .isTrue();
        assertThat(client.configMaps().inNamespace("default").withName("extension-1-child")
                .get()).isNotNull();
    }

    @Test
    @Order(2)
    void removesWhatTheFormerTestCreatedAndStartsANewOperator() {
        assertThat(runner).isNotNull().isNotSameAs(firstRunner);
        assertThat(firstRunner.exitCode()).isZero();
        assertThat(client.genericKubernetesResources(KOPFEXAMPLES).inNamespace("default")
                .withName("extension-1").get()).isNull();
        assertThat(client.configMaps().inNamespace("default").withName("extension-1-child")
                .get()).isNull();
    }

    @Test
    @Order(3)
    void aTestMayCloseTheRunnerToAssertHowItEnded() throws InterruptedException {
        client.genericKubernetesResources(KOPFEXAMPLES).inNamespace("default")
                .resource(example("extension-2")).create();
        client.genericKubernetesResources(KOPFEXAMPLES).inNamespace("default")
                .withName("extension-2").waitUntilCondition(o -> o != null
                        && o.getAdditionalProperties().get("status") instanceof Map<?, ?> s
                        && s.get("createFn") != null, WAIT.toSeconds(), TimeUnit.SECONDS);

        runner.close();

        assertThat(runner.exitCode()).isZero();
        assertThat(runner.exception()).isNull();
        assertThat(runner.output()).contains("[default/extension-2] Handler 'createFn' succeeded.");
    }

    @Nested
    class NestedClasses {
        KubernetesClient nestedClient;

        @Test
        void shareTheClusterOfTheirOuterClassAndGetARunnerPerTest() {
            assertThat(nestedClient).isSameAs(classClient);
            assertThat(runner).isNotNull();
        }
    }

    static GenericKubernetesResource example(String name) {
        return new GenericKubernetesResourceBuilder().withApiVersion("kopf.dev/v1")
                .withKind("KopfExample").withNewMetadata().withName(name)
                .withNamespace("default").endMetadata()
                .addToAdditionalProperties("spec", Map.of("field", "value")).build();
    }
}
