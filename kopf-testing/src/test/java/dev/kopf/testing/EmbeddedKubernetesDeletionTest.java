package dev.kopf.testing;

import static dev.kopf.testing.EmbeddedKubernetesFixtures.await;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.configMap;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.createCrd;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.example;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.examples;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.failure;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.http;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.newNamespace;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.since;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher.Action;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Item 7: finalizers, graceful deletion, preconditions, collections and namespaces. */
// Watches are held open by try-with-resources without being referenced.
@SuppressWarnings("try")
class EmbeddedKubernetesDeletionTest extends EmbeddedKubernetesTestBase {
    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);
    private static final PatchContext JSON = PatchContext.of(PatchType.JSON);

    @BeforeAll
    void installCrds() {
        createCrd(client, "kopfexamples-crd.yaml");
    }

    private static GenericKubernetesResource withFinalizers(String name, String... finalizers) {
        GenericKubernetesResource object = example(name, Map.of("v", 1));
        object.getMetadata().setFinalizers(List.of(finalizers));
        return object;
    }

    @Test
    void deletingAnObjectWithFinalizersMarksItAndTheLastFinalizerRemovesIt() {
        String namespace = newNamespace(client);
        var recorder = new EmbeddedKubernetesFixtures.RecordingWatcher<GenericKubernetesResource>();
        GenericKubernetesResource created = examples(client).inNamespace(namespace)
                .resource(withFinalizers("held", "a/one", "b/two")).create();
        try (Watch watch = examples(client).inNamespace(namespace)
                .watch(since(created.getMetadata().getResourceVersion()), recorder)) {
            HttpResponse<String> response = http(client, "DELETE",
                    "/apis/kopf.dev/v1/namespaces/" + namespace + "/kopfexamples/held",
                    "application/json", "{}");
            assertThat(response.code()).isEqualTo(200);
            GenericKubernetesResource answered = Serialization.unmarshal(response.body(),
                    GenericKubernetesResource.class);
            assertThat(answered.getMetadata().getDeletionTimestamp()).isNotNull();
            assertThat(answered.getMetadata().getDeletionGracePeriodSeconds()).isZero();
            assertThat(answered.getMetadata().getGeneration()).isEqualTo(2L);

            var marked = recorder.expect(Action.MODIFIED, "held");
            assertThat(marked.object().getMetadata().getDeletionTimestamp()).isNotNull();
            assertThat(marked.version()).isGreaterThan(
                    Long.parseLong(created.getMetadata().getResourceVersion()));

            // A shorter finalizer list in a merge patch replaces the list (RFC 7386).
            GenericKubernetesResource shorter = examples(client).inNamespace(namespace)
                    .withName("held")
                    .patch(MERGE, "{\"metadata\":{\"finalizers\":[\"b/two\"]}}");
            assertThat(shorter.getMetadata().getFinalizers()).containsExactly("b/two");
            var modified = recorder.expect(Action.MODIFIED, "held");

            examples(client).inNamespace(namespace).withName("held")
                    .patch(JSON, "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers/0\"}]");
            var deleted = recorder.expect(Action.DELETED, "held");
            assertThat(deleted.version()).isGreaterThan(modified.version());
            assertThat(examples(client).inNamespace(namespace).withName("held").get()).isNull();
        }
    }

    @Test
    void noNewFinalizersWhileDeletingAndTheTimestampStays() {
        String namespace = newNamespace(client);
        Resource<GenericKubernetesResource> resource = examples(client).inNamespace(namespace)
                .withName("stuck");
        examples(client).inNamespace(namespace).resource(withFinalizers("stuck", "a/one"))
                .create();
        resource.delete();
        String deletionTimestamp = resource.get().getMetadata().getDeletionTimestamp();

        KubernetesClientException failure = failure(() -> resource.patch(MERGE,
                "{\"metadata\":{\"finalizers\":[\"a/one\",\"c/new\"]}}"));
        assertThat(failure.getCode()).isEqualTo(422);
        assertThat(failure.getStatus().getReason()).isEqualTo("Invalid");
        assertThat(failure.getStatus().getMessage()).contains(
                "Forbidden: no new finalizers can be added if the object is being deleted");

        GenericKubernetesResource cleared = resource.patch(MERGE,
                "{\"metadata\":{\"deletionTimestamp\":null,\"labels\":{\"x\":\"y\"}}}");
        assertThat(cleared.getMetadata().getDeletionTimestamp()).isEqualTo(deletionTimestamp);
        GenericKubernetesResource moved = resource.patch(MERGE,
                "{\"metadata\":{\"deletionTimestamp\":\"2000-01-01T00:00:00Z\"}}");
        assertThat(moved.getMetadata().getDeletionTimestamp()).isEqualTo(deletionTimestamp);

        resource.delete();
        assertThat(resource.get().getMetadata().getResourceVersion())
                .isEqualTo(moved.getMetadata().getResourceVersion());
        resource.edit(object -> {
            object.getMetadata().setFinalizers(List.of());
            return object;
        });
        assertThat(resource.get()).isNull();
    }

    @Test
    void deletingWithoutFinalizersRemovesAtOnce() {
        String namespace = newNamespace(client);
        client.configMaps().inNamespace(namespace).resource(configMap("quick", Map.of()))
                .create();
        assertThat(client.configMaps().inNamespace(namespace).withName("quick").delete())
                .hasSize(1);
        assertThat(client.configMaps().inNamespace(namespace).withName("quick").get()).isNull();
        assertThat(failure(() -> client.configMaps().inNamespace(namespace).withName("quick")
                .edit(cm -> cm)).getCode()).isEqualTo(404);
    }

    @Test
    void deletePreconditionsAreHonoured() {
        String namespace = newNamespace(client);
        ConfigMap created = client.configMaps().inNamespace(namespace)
                .resource(configMap("guarded", Map.of())).create();
        String path = "/api/v1/namespaces/" + namespace + "/configmaps/guarded";

        HttpResponse<String> wrongUid = http(client, "DELETE", path, "application/json",
                "{\"preconditions\":{\"uid\":\"00000000-0000-0000-0000-000000000000\"}}");
        assertThat(wrongUid.code()).isEqualTo(409);
        assertThat(wrongUid.body()).contains("\"reason\":\"Conflict\"", "Precondition failed");
        HttpResponse<String> wrongVersion = http(client, "DELETE", path, "application/json",
                "{\"preconditions\":{\"resourceVersion\":\"1\"}}");
        assertThat(wrongVersion.code()).isEqualTo(409);

        HttpResponse<String> right = http(client, "DELETE", path, "application/json",
                "{\"preconditions\":{\"uid\":\"" + created.getMetadata().getUid()
                        + "\",\"resourceVersion\":\"" + created.getMetadata().getResourceVersion()
                        + "\"}}");
        assertThat(right.code()).isEqualTo(200);
        assertThat(client.configMaps().inNamespace(namespace).withName("guarded").get()).isNull();
    }

    @Test
    void deleteCollectionDeletesWhatMatches() {
        String namespace = newNamespace(client);
        for (String name : List.of("one", "two", "three")) {
            client.configMaps().inNamespace(namespace).resource(configMap(name,
                    Map.of("sweep", name.equals("three") ? "no" : "yes"))).create();
        }
        client.configMaps().inNamespace(namespace).withLabel("sweep", "yes").delete();
        assertThat(client.configMaps().inNamespace(namespace).list().getItems())
                .extracting(cm -> cm.getMetadata().getName()).containsExactly("three");
    }

    @Test
    void theBuiltInNamespacesCannotBeDeleted() {
        KubernetesClientException failure = failure(() -> client.namespaces()
                .withName("default").delete());
        assertThat(failure.getCode()).isEqualTo(403);
        assertThat(failure.getStatus().getMessage()).isEqualTo(
                "namespaces \"default\" is forbidden: this namespace may not be deleted");
    }

    @Test
    void deletingANamespaceDeletesItsContents() {
        String namespace = newNamespace(client);
        client.configMaps().inNamespace(namespace).resource(configMap("content", Map.of()))
                .create();
        examples(client).inNamespace(namespace).resource(withFinalizers("keeper", "a/one"))
                .create();

        client.namespaces().withName(namespace).delete();

        assertThat(client.configMaps().inNamespace(namespace).withName("content").get())
                .isNull();
        assertThat(examples(client).inNamespace(namespace).withName("keeper").get()
                .getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(client.namespaces().withName(namespace).get().getStatus().getPhase())
                .isEqualTo("Terminating");
        KubernetesClientException forbidden = failure(() -> client.configMaps()
                .inNamespace(namespace).resource(configMap("late", Map.of())).create());
        assertThat(forbidden.getCode()).isEqualTo(403);

        examples(client).inNamespace(namespace).withName("keeper")
                .patch(MERGE, "{\"metadata\":{\"finalizers\":[]}}");
        await("the namespace to go away",
                () -> client.namespaces().withName(namespace).get() == null);
    }
}
