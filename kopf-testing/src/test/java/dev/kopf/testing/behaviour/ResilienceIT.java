package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.await;
import static dev.kopf.testing.behaviour.TestCluster.client;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.operator;
import static dev.kopf.testing.behaviour.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kopf.Diff;
import dev.kopf.Meta;
import dev.kopf.OnCreate;
import dev.kopf.OnUpdate;
import dev.kopf.testing.KopfRunner;
import dev.kopf.testing.RecordedCall;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** Built-in resources, API errors, malformed stored state: nothing stops the others. */
class ResilienceIT {

    private static final String LABEL = "kopf-java-test";

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
        client().configMaps().inNamespace(TestCluster.NAMESPACE).withLabel(LABEL).delete();
    }

    public static class ConfigMapHandlers {
        @OnCreate(value = "configmaps", labels = LABEL)
        public void createFn(Meta meta, Logger logger) {
            logger.info("Config map {} is created.", meta.name());
        }

        @OnUpdate(value = "configmaps", labels = LABEL)
        public void updateFn(Diff diff, Logger logger) {
            logger.info("Config map changed: {}", diff);
        }
    }

    @Test
    void builtInResourcesKeepStateInKopfAnnotations() throws Exception {
        String name = newName("cm");
        try (KopfRunner runner = operator(ConfigMapHandlers.class)) {
            client().configMaps().inNamespace(TestCluster.NAMESPACE).resource(
                    new ConfigMapBuilder().withNewMetadata().withName(name)
                            .addToLabels(LABEL, "yes").endMetadata()
                            .addToData("key", "one").build()).create();
            ConfigMap handled = client().configMaps().inNamespace(TestCluster.NAMESPACE)
                    .withName(name).waitUntilCondition(cm -> cm != null
                            && cm.getMetadata().getAnnotations() != null
                            && cm.getMetadata().getAnnotations().containsKey(
                                    "kopf.zalando.org/last-handled-configuration"),
                            WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(handled.getMetadata().getAnnotations()
                    .get("kopf.zalando.org/last-handled-configuration"))
                    .contains("\"data\":{\"key\":\"one\"}");
            assertThat(runner.output()).contains("Config map " + name + " is created.");
            client().configMaps().inNamespace(TestCluster.NAMESPACE).withName(name)
                    .edit(cm -> new ConfigMapBuilder(cm).addToData("key", "two").build());
            assertThat(runner.awaitOutput("Config map changed: (('change', ('data', 'key'), "
                    + "'one', 'two'),)", WAIT)).isTrue();
        }
    }

    public static class CreateHandlers {
        @OnCreate("kopfexamples.kopf.dev")
        public Map<String, Object> createFn(Meta meta) {
            return Map.of("message", "hello " + meta.name());
        }
    }

    @Test
    void anApiErrorIsRetriedAndDoesNotStopOtherObjects() throws Exception {
        assumeTrue(TestCluster.isEmbedded(), "Faults are injected into the embedded server.");
        String failing = newName("failing");
        String healthy = newName("healthy");
        // fabric8 retries 5xx by itself; a 422 reaches the operator.
        TestCluster.server().failNext("PATCH", ".*/kopfexamples/" + failing + "/status", 422,
                "Injected failure.");
        try (KopfRunner runner = operator(CreateHandlers.class)) {
            create(failing, Map.of("field", "value"));
            create(healthy, Map.of("field", "value"));
            GenericKubernetesResource other = await(healthy, o -> status(o, "createFn") != null);
            assertThat(status(other, "createFn")).isEqualTo(Map.of("message", "hello " + healthy));
            GenericKubernetesResource retried = await(failing,
                    o -> status(o, "createFn") != null);
            assertThat(status(retried, "createFn"))
                    .isEqualTo(Map.of("message", "hello " + failing));
            // One line with the server's message, no stack trace: the refusal is the news.
            assertThat(runner.output()).contains("failed; it will be retried in 1 seconds. "
                    + "API error 422: Injected failure.")
                    .doesNotContain("ApiException: Injected failure.");
        }
    }

    @Test
    void aThrottledWriteIsSentAgainNoSoonerThanTheServersRetryAfter() throws Exception {
        assumeTrue(TestCluster.isEmbedded(), "Faults are injected into the embedded server.");
        String throttled = newName("throttled");
        String path = ".*/kopfexamples/" + throttled + "/status";
        // Longer than any first backoff of the client's own (fabric8's 100 ms, Kopf's 1 s):
        // only an honoured header explains a wait this long.
        Duration retryAfter = Duration.ofSeconds(3);
        TestCluster.server().failNext("PATCH", path, 429, "Injected throttling.", retryAfter);
        try (KopfRunner runner = operator(CreateHandlers.class)) {
            create(throttled, Map.of("field", "value"));
            await(throttled, o -> status(o, "createFn") != null);
        }
        List<RecordedCall> patches = TestCluster.server().calls().stream()
                .filter(call -> call.method().equals("PATCH") && call.path().matches(path))
                .toList();
        assertThat(patches).extracting(RecordedCall::code).startsWith(429, 200);
        // A lower bound only: a slow machine makes the retry later, never sooner.
        assertThat(Duration.between(patches.get(0).timestamp(), patches.get(1).timestamp()))
                .isGreaterThanOrEqualTo(retryAfter);
    }

    @Test
    void malformedStoredStateIsReportedAndHandlingGoesOn() throws Exception {
        String name = newName("malformed");
        create(name, Map.of("field", "value"), Map.of(), Map.of(
                "kopf.zalando.org/createFn", "this is not JSON",
                "kopf.zalando.org/last-handled-configuration", "{broken"));
        try (KopfRunner runner = operator(CreateHandlers.class)) {
            GenericKubernetesResource object = await(name, o -> status(o, "createFn") != null);
            assertThat(status(object, "createFn")).isEqualTo(Map.of("message", "hello " + name));
        }
    }
}
