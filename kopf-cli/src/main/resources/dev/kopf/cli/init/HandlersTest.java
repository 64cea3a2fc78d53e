package {{package}};

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.testing.KopfTest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the handlers against the embedded Kubernetes API server (or the cluster in
 * KUBECONFIG with {@code -Dkopf.test.cluster=kubeconfig}): @KopfTest installs the CRD,
 * starts the operator around each test, and deletes the objects the test created.
 */
@KopfTest(handlers = {{handlers}}.class, crds = "deploy/crd.yaml")
class {{handlers}}Test {

    private static final long WAIT_SECONDS = 30;

    KubernetesClient client;

    @Test
    void storesTheHandlersResultsInTheStatus() {
        Resource<GenericKubernetesResource> object = client.resource(
                new GenericKubernetesResourceBuilder()
                        .withApiVersion("{{group}}/v1")
                        .withKind("{{kind}}")
                        .withNewMetadata()
                            .withName("test-" + UUID.randomUUID().toString().substring(0, 8))
{{#namespaced}}
                            .withNamespace("default")
{{/namespaced}}
                        .endMetadata()
                        .withAdditionalProperties(Map.of("spec", Map.of("greeting", "hello")))
                        .build());
        object.create();

        GenericKubernetesResource created = object.waitUntilCondition(
                o -> o != null && message(o, "createFn") != null, WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(message(created, "createFn")).isEqualTo("created with greeting hello");

        object.edit(o -> {
            o.setAdditionalProperty("spec", Map.of("greeting", "bonjour"));
            return o;
        });
        GenericKubernetesResource updated = object.waitUntilCondition(
                o -> o != null && message(o, "updateFn") != null, WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(message(updated, "updateFn")).isEqualTo("updated to greeting bonjour");

        // The operator's finalizer keeps the object until the deletion handler has run.
        object.delete();
        object.waitUntilCondition(o -> o == null, WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private static Object message(GenericKubernetesResource object, String handler) {
        if (!(object.getAdditionalProperties().get("status") instanceof Map<?, ?> status)
                || !(status.get(handler) instanceof Map<?, ?> result)) {
            return null;
        }
        return result.get("message");
    }
}
