package dev.kopf.testing;

import static dev.kopf.testing.EmbeddedKubernetesFixtures.configMap;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.createCrd;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.example;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.examples;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.failure;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.field;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.newNamespace;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Item 6: merge patch (RFC 7386), JSON patch (RFC 6902), strategic merge, apply. */
class EmbeddedKubernetesPatchTest extends EmbeddedKubernetesTestBase {
    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);
    private static final PatchContext JSON = PatchContext.of(PatchType.JSON);

    @BeforeAll
    void installCrds() {
        createCrd(client, "kopfexamples-crd.yaml");
    }

    @Test
    void mergePatchDeletesNullsReplacesArraysAndMergesObjects() {
        String namespace = newNamespace(client);
        examples(client).inNamespace(namespace).resource(example("merged", Map.of(
                "gone", 1, "nested", Map.of("drop", 2, "keep", 3), "list", List.of(1, 2, 3))))
                .create();
        GenericKubernetesResource patched = examples(client).inNamespace(namespace)
                .withName("merged").patch(MERGE, "{\"spec\":{\"gone\":null,"
                        + "\"nested\":{\"drop\":null,\"add\":4},\"list\":[9]}}");
        assertThat(field(patched, "spec")).isEqualTo(Map.of(
                "nested", Map.of("keep", 3, "add", 4), "list", List.of(9)));
    }

    @Test
    void patchStatusWithTheWholeObjectDoesNotDuplicateLists() {
        String namespace = newNamespace(client);
        var resource = examples(client).inNamespace(namespace).withName("conditions");
        examples(client).inNamespace(namespace).resource(example("conditions", Map.of()))
                .create();
        resource.status().patch(MERGE, "{\"status\":{\"conditions\":[{\"type\":\"A\"},"
                + "{\"type\":\"B\"}]}}");
        GenericKubernetesResource current = resource.get();
        GenericKubernetesResource patched = examples(client).inNamespace(namespace)
                .resource(current).patchStatus();
        assertThat(field(patched, "status").get("conditions"))
                .isEqualTo(List.of(Map.of("type", "A"), Map.of("type", "B")));
    }

    @Test
    void jsonPatchAppliesEveryOperation() {
        String namespace = newNamespace(client);
        examples(client).inNamespace(namespace).resource(example("ops", Map.of(
                "a", 1, "b", 2, "list", List.of("x")))).create();
        GenericKubernetesResource patched = examples(client).inNamespace(namespace)
                .withName("ops").patch(JSON, "["
                        + "{\"op\":\"test\",\"path\":\"/spec/a\",\"value\":1},"
                        + "{\"op\":\"replace\",\"path\":\"/spec/a\",\"value\":10},"
                        + "{\"op\":\"add\",\"path\":\"/spec/list/-\",\"value\":\"y\"},"
                        + "{\"op\":\"add\",\"path\":\"/spec/list/0\",\"value\":\"w\"},"
                        + "{\"op\":\"copy\",\"from\":\"/spec/a\",\"path\":\"/spec/c\"},"
                        + "{\"op\":\"move\",\"from\":\"/spec/b\",\"path\":\"/spec/d\"},"
                        + "{\"op\":\"remove\",\"path\":\"/spec/list/1\"}]");
        assertThat(field(patched, "spec")).isEqualTo(Map.of(
                "a", 10, "c", 10, "d", 2, "list", List.of("w", "y")));
    }

    @Test
    void aFailedJsonPatchTestIsRejectedPromptly() {
        String namespace = newNamespace(client);
        examples(client).inNamespace(namespace).resource(example("guarded", Map.of("a", 1)))
                .create();
        KubernetesClientException failure = failure(() -> examples(client)
                .inNamespace(namespace).withName("guarded").patch(JSON,
                        "[{\"op\":\"test\",\"path\":\"/spec/a\",\"value\":2},"
                                + "{\"op\":\"replace\",\"path\":\"/spec/a\",\"value\":3}]"));
        assertThat(failure.getCode()).isEqualTo(422);
        assertThat(failure.getStatus().getDetails().getCauses().get(0).getMessage())
                .isEqualTo("testing value /spec/a failed: test failed");
        assertThat(field(examples(client).inNamespace(namespace).withName("guarded").get(),
                "spec")).isEqualTo(Map.of("a", 1));
    }

    @Test
    void removingOrReplacingAMissingPathIsRejected() {
        String namespace = newNamespace(client);
        examples(client).inNamespace(namespace).resource(example("sparse", Map.of())).create();
        var resource = examples(client).inNamespace(namespace).withName("sparse");
        assertThat(failure(() -> resource.patch(JSON,
                "[{\"op\":\"remove\",\"path\":\"/spec/missing\"}]")).getCode()).isEqualTo(422);
        assertThat(failure(() -> resource.patch(JSON,
                "[{\"op\":\"replace\",\"path\":\"/spec/missing\",\"value\":1}]")).getCode())
                .isEqualTo(422);
        assertThat(failure(() -> resource.patch(JSON,
                "[{\"op\":\"add\",\"path\":\"/spec/no/parent\",\"value\":1}]")).getCode())
                .isEqualTo(422);
    }

    @Test
    void strategicMergePatchIsForBuiltInKindsOnly() {
        String namespace = newNamespace(client);
        client.configMaps().inNamespace(namespace).resource(configMap("smp", Map.of("a", "1")))
                .create();
        ConfigMap patched = client.configMaps().inNamespace(namespace).withName("smp").patch(
                PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"metadata\":{\"labels\":{\"b\":\"2\"},\"finalizers\":[\"x/y\"]}}");
        assertThat(patched.getMetadata().getLabels()).containsOnlyKeys("a", "b");
        ConfigMap merged = client.configMaps().inNamespace(namespace).withName("smp").patch(
                PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"metadata\":{\"finalizers\":[\"x/z\"]}}");
        assertThat(merged.getMetadata().getFinalizers()).containsExactly("x/y", "x/z");
        client.configMaps().inNamespace(namespace).withName("smp")
                .patch(MERGE, "{\"metadata\":{\"finalizers\":null}}");

        examples(client).inNamespace(namespace).resource(example("no-smp", Map.of())).create();
        KubernetesClientException failure = failure(() -> examples(client)
                .inNamespace(namespace).withName("no-smp").patch(
                        PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"spec\":{\"a\":1}}"));
        assertThat(failure.getCode()).isEqualTo(415);
    }

    @Test
    void serverSideApplyIsRefusedClearly() {
        String namespace = newNamespace(client);
        client.configMaps().inNamespace(namespace).resource(configMap("ssa", Map.of()))
                .create();
        KubernetesClientException failure = failure(() -> client.configMaps()
                .inNamespace(namespace).resource(configMap("ssa", Map.of("a", "b")))
                .fieldManager("test").serverSideApply());
        assertThat(failure.getCode()).isEqualTo(415);
        assertThat(failure.getStatus().getMessage()).contains("Server-side apply");
    }
}
