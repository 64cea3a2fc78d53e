package dev.kopf.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The embedded API server's admission chain against webhooks of the test's own. */
class EmbeddedKubernetesAdmissionTest extends EmbeddedKubernetesTestBase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private KubernetesClient once;
    private FakeWebhook webhook;
    private FakeWebhook other;

    @BeforeAll
    void noRetries() {
        // fabric8 retries 5xx answers itself; the chain's answers are asserted as they come.
        once = new KubernetesClientBuilder().withConfig(new io.fabric8.kubernetes.client
                .ConfigBuilder(client.getConfiguration()).withRequestRetryBackoffLimit(0)
                .build()).build();
    }

    @AfterEach
    void cleanUp() {
        once.admissionRegistration().v1().validatingWebhookConfigurations().delete();
        once.admissionRegistration().v1().mutatingWebhookConfigurations().delete();
        for (FakeWebhook running : new FakeWebhook[] {webhook, other}) {
            if (running != null) {
                running.close();
            }
        }
    }

    private static String name(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet();
    }

    /** Stores a configuration with one webhook on configmaps; {@code extra} is more JSON. */
    private void configure(String kind, FakeWebhook target, String extra) {
        String json = "{\"apiVersion\":\"admissionregistration.k8s.io/v1\",\"kind\":\"" + kind
                + "\",\"metadata\":{\"name\":\"" + name(kind.toLowerCase()) + "\"},"
                + "\"webhooks\":[{\"name\":\"hook.example.com\",\"sideEffects\":\"None\","
                + "\"admissionReviewVersions\":[\"v1\"],\"clientConfig\":{\"url\":\""
                + target.url() + "\",\"caBundle\":\"" + target.caBundle() + "\"},"
                + "\"rules\":[{\"apiGroups\":[\"\"],\"apiVersions\":[\"v1\"],\"resources\":"
                + "[\"configmaps\"],\"operations\":[\"CREATE\",\"UPDATE\",\"DELETE\"]}]"
                + (extra.isEmpty() ? "" : "," + extra) + "}]}";
        once.resource(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))
                .create();
    }

    private FakeWebhook start(Function<com.fasterxml.jackson.databind.JsonNode,
            com.fasterxml.jackson.databind.node.ObjectNode> answer) throws Exception {
        return FakeWebhook.start(answer);
    }

    private ConfigMap create(String name, Map<String, String> labels) {
        return once.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .addToData("key", "value").build()).create();
    }

    @Test
    void rejectsWithTheWebhooksCodeAndMessageAndStoresNothing() throws Exception {
        webhook = start(request -> FakeWebhook.deny(422, "Not today."));
        configure("ValidatingWebhookConfiguration", webhook, "");
        String name = name("rejected");
        KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
                () -> create(name, Map.of()));
        assertThat(e.getCode()).isEqualTo(422);
        assertThat(e.getStatus().getMessage())
                .isEqualTo("admission webhook \"hook.example.com\" denied the request: Not today.");
        assertThat(once.configMaps().inNamespace("default").withName(name).get()).isNull();
        assertThat(webhook.requests).singleElement().satisfies(request -> {
            assertThat(request.path("operation").asText()).isEqualTo("CREATE");
            assertThat(request.path("resource").path("resource").asText())
                    .isEqualTo("configmaps");
            assertThat(request.path("namespace").asText()).isEqualTo("default");
            assertThat(request.path("object").path("data").path("key").asText())
                    .isEqualTo("value");
            assertThat(request.path("dryRun").asBoolean()).isFalse();
        });
    }

    @Test
    void storesTheMutationAndShowsItToValidatingWebhooks() throws Exception {
        webhook = start(request -> FakeWebhook.patch(
                "[{\"op\":\"add\",\"path\":\"/data/injected\",\"value\":\"yes\"}]"));
        other = start(request -> request.path("object").path("data").has("injected")
                ? FakeWebhook.allow() : FakeWebhook.deny(400, "Not mutated first."));
        configure("MutatingWebhookConfiguration", webhook, "");
        configure("ValidatingWebhookConfiguration", other, "");
        ConfigMap created = create(name("mutated"), Map.of());
        assertThat(created.getData()).containsEntry("injected", "yes");
    }

    @Test
    void mutatingWebhooksSeeNeitherTheGeneratedNameNorTheUidAndValidatingOnesSeeBoth()
            throws Exception {
        webhook = start(request -> FakeWebhook.allow());
        other = start(request -> FakeWebhook.allow());
        configure("MutatingWebhookConfiguration", webhook, "");
        configure("ValidatingWebhookConfiguration", other, "");
        ConfigMap created = once.configMaps().inNamespace("default").resource(
                new ConfigMapBuilder().withNewMetadata().withGenerateName(name("generated") + "-")
                        .endMetadata().build()).create();
        assertThat(webhook.requests).singleElement().satisfies(request -> {
            assertThat(request.has("name")).isFalse();
            assertThat(request.path("namespace").asText()).isEqualTo("default");
            assertThat(request.path("object").path("metadata").has("name")).isFalse();
            assertThat(request.path("object").path("metadata").has("uid")).isFalse();
            assertThat(request.path("object").path("metadata").has("creationTimestamp"))
                    .isFalse();
        });
        assertThat(other.requests).singleElement().satisfies(request -> {
            assertThat(request.path("name").asText()).isEqualTo(
                    created.getMetadata().getName());
            assertThat(request.path("object").path("metadata").path("uid").asText())
                    .isEqualTo(created.getMetadata().getUid());
        });
    }

    @Test
    void storesALabelAddedByAMutatingWebhookWithAnEscapedKey() throws Exception {
        webhook = start(request -> FakeWebhook.patch(request.path("object").path("metadata")
                .has("labels")
                ? "[{\"op\":\"add\",\"path\":\"/metadata/labels/example.com~1shard\","
                        + "\"value\":\"a\"}]"
                : "[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":"
                        + "{\"example.com/shard\":\"a\"}}]"));
        configure("MutatingWebhookConfiguration", webhook, "\"objectSelector\":{"
                + "\"matchExpressions\":[{\"key\":\"example.com/shard\","
                + "\"operator\":\"DoesNotExist\"}]}");
        assertThat(create(name("unlabelled"), Map.of()).getMetadata().getLabels())
                .containsExactly(Map.entry("example.com/shard", "a"));
        assertThat(create(name("labelled"), Map.of("app", "web")).getMetadata().getLabels())
                .containsOnly(Map.entry("app", "web"), Map.entry("example.com/shard", "a"));
        // The objectSelector spares objects that have the label already.
        assertThat(create(name("assigned"), Map.of("example.com/shard", "b")).getMetadata()
                .getLabels()).containsExactly(Map.entry("example.com/shard", "b"));
        assertThat(webhook.requests).hasSize(2);
    }

    @Test
    void createsUnmutatedWhenAnIgnoredMutatingWebhookIsUnreachable() throws Exception {
        FakeWebhook gone = start(request -> FakeWebhook.patch(
                "[{\"op\":\"add\",\"path\":\"/data/injected\",\"value\":\"yes\"}]"));
        configure("MutatingWebhookConfiguration", gone, "\"failurePolicy\":\"Ignore\"");
        gone.close(); // Nothing listens at its URL any more: the connection is refused.
        ConfigMap created = create(name("unmutated"), Map.of());
        assertThat(created.getData()).containsOnlyKeys("key");
    }

    @Test
    void reinvokesIfNeededWebhooksOnceAfterALaterChange() throws Exception {
        AtomicInteger firstCalls = new AtomicInteger();
        webhook = start(request -> {
            firstCalls.incrementAndGet();
            return FakeWebhook.allow();
        });
        other = start(request -> request.path("object").path("data").has("second")
                ? FakeWebhook.allow() : FakeWebhook.patch(
                        "[{\"op\":\"add\",\"path\":\"/data/second\",\"value\":\"yes\"}]"));
        configure("MutatingWebhookConfiguration", webhook,
                "\"reinvocationPolicy\":\"IfNeeded\"");
        configure("MutatingWebhookConfiguration", other, "");
        create(name("reinvoked"), Map.of());
        assertThat(firstCalls).hasValue(2);
    }

    @Test
    void followsTheFailurePolicyWhenTheWebhookFails() throws Exception {
        webhook = start(request -> null);
        configure("ValidatingWebhookConfiguration", webhook, "\"failurePolicy\":\"Fail\"");
        KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
                () -> create(name("failing"), Map.of()));
        assertThat(e.getCode()).isEqualTo(500);
        assertThat(e.getStatus().getMessage()).contains("failed calling webhook"
                + " \"hook.example.com\"");
        once.admissionRegistration().v1().validatingWebhookConfigurations().delete();
        configure("ValidatingWebhookConfiguration", webhook, "\"failurePolicy\":\"Ignore\"");
        assertThat(create(name("ignored"), Map.of())).isNotNull();
    }

    @Test
    void givesUpOnASlowWebhookAfterItsTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        webhook = start(request -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return FakeWebhook.allow();
        });
        try {
            configure("ValidatingWebhookConfiguration", webhook, "\"timeoutSeconds\":1");
            KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
                    () -> create(name("slow"), Map.of()));
            assertThat(e.getCode()).isEqualTo(500);
            assertThat(e.getStatus().getMessage()).contains("deadline exceeded");
        } finally {
            release.countDown();
        }
    }

    @Test
    void callsOnlyWebhooksWhoseSelectorsAndRulesMatch() throws Exception {
        webhook = start(request -> FakeWebhook.deny(403, "Caught."));
        String namespace = name("labelled");
        once.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                .addToLabels("team", "a").endMetadata().build()).create();
        configure("ValidatingWebhookConfiguration", webhook,
                "\"objectSelector\":{\"matchExpressions\":[{\"key\":\"check\","
                        + "\"operator\":\"Exists\"}]},\"namespaceSelector\":{\"matchLabels\":"
                        + "{\"team\":\"a\"}}");
        assertThat(create(name("unlabelled"), Map.of("check", "yes"))).as("namespace")
                .isNotNull();
        assertThat(once.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                .withNewMetadata().withName(name("plain")).endMetadata().build()).create())
                .as("object selector").isNotNull();
        assertThat(once.secrets().inNamespace(namespace).resource(
                new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata()
                        .withName(name("secret")).addToLabels("check", "yes").endMetadata()
                        .build()).create()).as("rules").isNotNull();
        KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
                () -> once.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                        .withNewMetadata().withName(name("caught")).addToLabels("check", "yes")
                        .endMetadata().build()).create());
        assertThat(e.getCode()).isEqualTo(403);
        assertThat(webhook.requests).hasSize(1);
    }

    @Test
    void admitsDryRunsWithoutStoringAndRefusesThemForSideEffects() throws Exception {
        webhook = start(request -> FakeWebhook.allow());
        configure("ValidatingWebhookConfiguration", webhook, "");
        String name = name("dry");
        ConfigMap answered = once.configMaps().inNamespace("default").resource(
                new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().build())
                .dryRun().create();
        assertThat(answered.getMetadata().getName()).isEqualTo(name);
        assertThat(once.configMaps().inNamespace("default").withName(name).get()).isNull();
        assertThat(webhook.requests).singleElement()
                .satisfies(request -> assertThat(request.path("dryRun").asBoolean()).isTrue());
        once.admissionRegistration().v1().validatingWebhookConfigurations().delete();
        configure("ValidatingWebhookConfiguration", webhook, "\"sideEffects\":\"Some\"");
        KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
                () -> once.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                        .withNewMetadata().withName(name).endMetadata().build()).dryRun()
                        .create());
        assertThat(e.getCode()).isEqualTo(400);
        assertThat(e.getStatus().getMessage()).contains("does not support dry run");
    }

    @Test
    void returnsWarningsInWarningHeaders() throws Exception {
        webhook = start(request -> {
            var response = FakeWebhook.allow();
            response.putArray("warnings").add("Be careful.");
            return response;
        });
        configure("ValidatingWebhookConfiguration", webhook, "");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.url() + "/api/v1/namespaces/default/configmaps"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"apiVersion\":\"v1\",\"kind\":"
                        + "\"ConfigMap\",\"metadata\":{\"name\":\"" + name("warned")
                        + "\"}}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().allValues("Warning"))
                .containsExactly("299 - \"Be careful.\"");
    }

    @Test
    void trustsOnlyTheConfigurationsCaBundle() throws Exception {
        webhook = start(request -> FakeWebhook.allow());
        other = start(request -> FakeWebhook.allow());
        String json = "{\"apiVersion\":\"admissionregistration.k8s.io/v1\",\"kind\":"
                + "\"ValidatingWebhookConfiguration\",\"metadata\":{\"name\":\""
                + name("untrusted") + "\"},\"webhooks\":[{\"name\":\"hook.example.com\","
                + "\"sideEffects\":\"None\",\"admissionReviewVersions\":[\"v1\"],"
                + "\"clientConfig\":{\"url\":\"" + webhook.url() + "\",\"caBundle\":\""
                + other.caBundle() + "\"},\"rules\":[{\"apiGroups\":[\"\"],\"apiVersions\":"
                + "[\"v1\"],\"resources\":[\"configmaps\"],\"operations\":[\"*\"]}]}]}";
        once.resource(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))).create();
        KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
                () -> create(name("untrusted"), Map.of()));
        assertThat(e.getCode()).isEqualTo(500);
        assertThat(webhook.requests).isEmpty();
    }
}
