package dev.kopf.testing;

import static dev.kopf.testing.EmbeddedKubernetesFixtures.createCrd;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.example;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.examples;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Item 12 and the rest of the public API: recorded calls, faults, configs, kubeconfigs. */
class EmbeddedKubernetesCallsTest {
    private static final String EXAMPLES = "/apis/kopf.dev/v1/namespaces/default/kopfexamples";

    private EmbeddedKubernetes server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        server = EmbeddedKubernetes.start();
        client = server.newClient();
        createCrd(client, "kopfexamples-crd.yaml");
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void callsCanBeCountedByVerbAndEndpoint() {
        server.clearCalls();
        examples(client).inNamespace("default").resource(example("counted", Map.of())).create();
        var resource = examples(client).inNamespace("default").withName("counted");
        resource.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"a\":1}}");
        resource.status().patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"status\":{\"b\":2}}");
        resource.editStatus(object -> {
            object.getAdditionalProperties().put("status", Map.of("b", 3));
            return object;
        });
        resource.delete();

        List<RecordedCall> calls = server.calls();
        assertThat(calls).filteredOn(RecordedCall::isWrite)
                .extracting(call -> call.method() + " " + call.path() + " " + call.contentType()
                        + " " + call.code())
                .containsExactly(
                        "POST " + EXAMPLES + " application/json 201",
                        "PATCH " + EXAMPLES + "/counted application/merge-patch+json 200",
                        "PATCH " + EXAMPLES + "/counted/status application/merge-patch+json 200",
                        "PATCH " + EXAMPLES + "/counted/status application/json-patch+json 200",
                        "DELETE " + EXAMPLES + "/counted application/json 200");
        assertThat(calls.stream().filter(call -> call.isWrite() && call.isStatus()).count())
                .isEqualTo(2);
        assertThat(calls).allSatisfy(call -> assertThat(call.timestamp()).isNotNull());

        server.clearCalls();
        assertThat(server.calls()).isEmpty();
    }

    @Test
    void anInjectedFaultFailsTheNextMatchingRequestOnce() {
        examples(client).inNamespace("default").resource(example("flaky", Map.of())).create();
        server.failNext("PATCH", ".*/kopfexamples/flaky", 409, "Injected conflict.");
        var resource = examples(client).inNamespace("default").withName("flaky");

        KubernetesClientException failure = failure(() -> resource.patch(
                PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"a\":1}}"));
        assertThat(failure.getCode()).isEqualTo(409);
        assertThat(failure.getStatus().getReason()).isEqualTo("Conflict");
        assertThat(failure.getStatus().getMessage()).isEqualTo("Injected conflict.");
        GenericKubernetesResource patched = resource.patch(
                PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"a\":1}}");
        assertThat(patched.getAdditionalProperties().get("spec")).isEqualTo(Map.of("a", 1));
    }

    @Test
    void aServerErrorIsRetriedByTheClientAndVisibleInTheCalls() {
        examples(client).inNamespace("default").resource(example("retried", Map.of())).create();
        server.clearCalls();
        server.failNext("GET", ".*/retried", 503, "Injected outage.");

        assertThat(examples(client).inNamespace("default").withName("retried").get())
                .isNotNull();
        assertThat(server.calls()).extracting(RecordedCall::code).containsExactly(503, 200);
    }

    @Test
    void configAndKubeconfigPointAtTheServer(@TempDir Path directory) throws Exception {
        Config config = server.config();
        assertThat(config.getMasterUrl()).startsWith(server.url());
        assertThat(config.getNamespace()).isEqualTo("default");
        assertThat(config.getOauthToken()).isNull();

        Path file = server.writeKubeconfig(directory.resolve("nested/kubeconfig"));
        Config fromFile = Config.fromKubeconfig(Files.readString(file));
        assertThat(fromFile.getMasterUrl()).startsWith(server.url());
        assertThat(fromFile.getNamespace()).isEqualTo("default");
        try (KubernetesClient viaFile = new KubernetesClientBuilder().withConfig(fromFile)
                .build()) {
            assertThat(viaFile.namespaces().withName("kube-system").get()).isNotNull();
        }
    }
}
