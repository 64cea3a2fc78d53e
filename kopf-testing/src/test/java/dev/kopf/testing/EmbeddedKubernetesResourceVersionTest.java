package dev.kopf.testing;

import static dev.kopf.testing.EmbeddedKubernetesFixtures.configMap;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.createCrd;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.example;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.examples;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.failure;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.field;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.newNamespace;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.version;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Items 3 and 4: the global resourceVersion, conflicts, and metadata.generation. */
class EmbeddedKubernetesResourceVersionTest extends EmbeddedKubernetesTestBase {
    private static final String MODIFIED = "Operation cannot be fulfilled on"
            + " kopfexamples.kopf.dev \"%s\": the object has been modified; please apply your"
            + " changes to the latest version and try again";
    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

    @BeforeAll
    void installCrds() {
        createCrd(client, "kopfexamples-crd.yaml");
    }

    @Test
    void everyRealChangeBumpsOneGlobalCounter() {
        String namespace = newNamespace(client);
        ConfigMap first = client.configMaps().inNamespace(namespace)
                .resource(configMap("first", Map.of())).create();
        GenericKubernetesResource second = examples(client).inNamespace(namespace)
                .resource(example("second", Map.of())).create();
        ConfigMap changed = client.configMaps().inNamespace(namespace).withName("first")
                .edit(cm -> {
                    cm.getData().put("more", "data");
                    return cm;
                });
        assertThat(version(second)).isGreaterThan(version(first));
        assertThat(version(changed)).isGreaterThan(version(second));
        assertThat(client.configMaps().inNamespace(namespace).list().getMetadata()
                .getResourceVersion()).isEqualTo(changed.getMetadata().getResourceVersion());
    }

    @Test
    void aNoOpWriteKeepsTheResourceVersion() {
        String namespace = newNamespace(client);
        ConfigMap created = client.configMaps().inNamespace(namespace)
                .resource(configMap("steady", Map.of("a", "b"))).create();
        ConfigMap updated = client.configMaps().inNamespace(namespace).resource(created).update();
        ConfigMap patched = client.configMaps().inNamespace(namespace).withName("steady")
                .patch(MERGE, "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}");
        assertThat(updated.getMetadata().getResourceVersion())
                .isEqualTo(created.getMetadata().getResourceVersion());
        assertThat(patched.getMetadata().getResourceVersion())
                .isEqualTo(created.getMetadata().getResourceVersion());
    }

    @Test
    void aStaleWriteIsAConflict() {
        String namespace = newNamespace(client);
        GenericKubernetesResource stale = examples(client).inNamespace(namespace)
                .resource(example("contested", Map.of("v", 1))).create();
        examples(client).inNamespace(namespace).withName("contested")
                .patch(MERGE, "{\"spec\":{\"v\":2}}");

        field(stale, "spec").put("v", 3);
        KubernetesClientException put = failure(() -> examples(client).inNamespace(namespace)
                .resource(stale).update());
        assertThat(put.getCode()).isEqualTo(409);
        assertThat(put.getStatus().getReason()).isEqualTo("Conflict");
        assertThat(put.getStatus().getMessage()).isEqualTo(String.format(MODIFIED, "contested"));

        KubernetesClientException patch = failure(() -> examples(client).inNamespace(namespace)
                .withName("contested").patch(MERGE, "{\"metadata\":{\"resourceVersion\":\""
                        + stale.getMetadata().getResourceVersion() + "\"},\"spec\":{\"v\":4}}"));
        assertThat(patch.getStatus().getReason()).isEqualTo("Conflict");
        assertThat(field(examples(client).inNamespace(namespace).withName("contested").get(),
                "spec")).isEqualTo(Map.of("v", 2));
    }

    @Test
    void aStaleStatusWriteIsAConflictToo() {
        String namespace = newNamespace(client);
        GenericKubernetesResource stale = examples(client).inNamespace(namespace)
                .resource(example("status-race", Map.of())).create();
        examples(client).inNamespace(namespace).withName("status-race")
                .status().patch(MERGE, "{\"status\":{\"winner\":\"first\"}}");

        stale.getAdditionalProperties().put("status", Map.of("winner", "second"));
        KubernetesClientException put = failure(() -> examples(client).inNamespace(namespace)
                .resource(stale).updateStatus());
        assertThat(put.getCode()).isEqualTo(409);
        assertThat(put.getStatus().getReason()).isEqualTo("Conflict");
        assertThat(put.getStatus().getMessage()).isEqualTo(String.format(MODIFIED,
                "status-race"));
        KubernetesClientException patch = failure(() -> examples(client).inNamespace(namespace)
                .resource(stale).patchStatus());
        assertThat(patch.getStatus().getReason()).isEqualTo("Conflict");
        assertThat(field(examples(client).inNamespace(namespace).withName("status-race").get(),
                "status")).isEqualTo(Map.of("winner", "first"));
    }

    @Test
    void generationCountsSpecChangesOnly() {
        String namespace = newNamespace(client);
        var resource = examples(client).inNamespace(namespace).withName("generations");
        examples(client).inNamespace(namespace).resource(example("generations", Map.of("v", 1)))
                .create();
        resource.patch(MERGE, "{\"metadata\":{\"labels\":{\"l\":\"1\"},\"annotations\":"
                + "{\"a\":\"1\"},\"finalizers\":[\"kopf.dev/test\"]}}");
        resource.status().patch(MERGE, "{\"status\":{\"phase\":\"done\"}}");
        resource.patch(MERGE, "{\"status\":{\"phase\":\"ignored\"}}");
        assertThat(resource.get().getMetadata().getGeneration()).isEqualTo(1L);

        resource.patch(MERGE, "{\"spec\":{\"v\":2}}");
        assertThat(resource.get().getMetadata().getGeneration()).isEqualTo(2L);
        resource.patch(MERGE, "{\"other\":\"top-level\"}");
        assertThat(resource.get().getMetadata().getGeneration()).isEqualTo(3L);

        resource.delete();
        GenericKubernetesResource deleting = resource.get();
        assertThat(deleting.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(deleting.getMetadata().getGeneration()).isEqualTo(4L);
        resource.patch(MERGE, "{\"metadata\":{\"finalizers\":null}}");
    }

    @Test
    void kindsWithoutGenerationNeverGetOne() {
        String namespace = newNamespace(client);
        client.configMaps().inNamespace(namespace).resource(configMap("no-gen", Map.of()))
                .create();
        ConfigMap changed = client.configMaps().inNamespace(namespace).withName("no-gen")
                .edit(cm -> {
                    cm.setData(new HashMap<>(Map.of("new", "data")));
                    cm.getMetadata().setFinalizers(List.of());
                    return cm;
                });
        assertThat(changed.getMetadata().getGeneration()).isNull();
    }
}
