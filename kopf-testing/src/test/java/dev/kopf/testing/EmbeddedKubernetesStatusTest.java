package dev.kopf.testing;

import static dev.kopf.testing.EmbeddedKubernetesFixtures.KOPFPLAINS;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.createCrd;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.example;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.examples;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.failure;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.field;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.newNamespace;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.version;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Item 5: the status subresource, for CRDs that declare it, built-ins, and CRDs without. */
class EmbeddedKubernetesStatusTest extends EmbeddedKubernetesTestBase {
    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

    @BeforeAll
    void installCrds() {
        createCrd(client, "kopfexamples-crd.yaml");
        createCrd(client, "kopfplains-crd.yaml");
    }

    @Test
    void createAndMainWritesIgnoreStatus() {
        String namespace = newNamespace(client);
        GenericKubernetesResource body = example("owned-status", Map.of("v", 1));
        body.getAdditionalProperties().put("status", Map.of("from", "create"));
        GenericKubernetesResource created = examples(client).inNamespace(namespace)
                .resource(body).create();
        assertThat(created.getAdditionalProperties()).doesNotContainKey("status");

        GenericKubernetesResource patched = examples(client).inNamespace(namespace)
                .withName("owned-status")
                .patch(MERGE, "{\"spec\":{\"v\":2},\"status\":{\"from\":\"main\"}}");
        assertThat(field(patched, "spec")).isEqualTo(Map.of("v", 2));
        assertThat(patched.getAdditionalProperties()).doesNotContainKey("status");
    }

    @Test
    void statusWritesChangeOnlyTheStatus() {
        String namespace = newNamespace(client);
        GenericKubernetesResource created = examples(client).inNamespace(namespace)
                .resource(example("status-only", Map.of("v", 1))).create();

        GenericKubernetesResource edited = examples(client).inNamespace(namespace)
                .withName("status-only").editStatus(object -> {
                    object.getAdditionalProperties().put("status", Map.of("phase", "ready"));
                    object.getAdditionalProperties().put("spec", Map.of("v", 99));
                    object.getMetadata().setLabels(Map.of("sneaky", "label"));
                    return object;
                });
        assertThat(field(edited, "status")).isEqualTo(Map.of("phase", "ready"));
        assertThat(field(edited, "spec")).isEqualTo(Map.of("v", 1));
        assertThat(edited.getMetadata().getLabels()).isNullOrEmpty();
        assertThat(edited.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(version(edited)).isGreaterThan(version(created));

        GenericKubernetesResource replaced = examples(client).inNamespace(namespace)
                .resource(edited).updateStatus();
        assertThat(replaced.getMetadata().getResourceVersion())
                .isEqualTo(edited.getMetadata().getResourceVersion());
    }

    @Test
    void withoutTheSubresourceStatusIsAnOrdinaryField() {
        String namespace = newNamespace(client);
        GenericKubernetesResource body = new GenericKubernetesResourceBuilder()
                .withApiVersion("kopf.dev/v1").withKind("KopfPlain")
                .withNewMetadata().withName("plain").endMetadata()
                .withAdditionalProperties(new HashMap<>(Map.of("status", Map.of("a", 1))))
                .build();
        var plains = client.genericKubernetesResources(KOPFPLAINS).inNamespace(namespace);
        GenericKubernetesResource created = plains.resource(body).create();
        assertThat(field(created, "status")).isEqualTo(Map.of("a", 1));

        GenericKubernetesResource patched = plains.withName("plain")
                .patch(MERGE, "{\"status\":{\"a\":2}}");
        assertThat(field(patched, "status")).isEqualTo(Map.of("a", 2));
        assertThat(patched.getMetadata().getGeneration()).isEqualTo(2L);

        assertThat(failure(() -> plains.withName("plain").status()
                .patch(MERGE, "{\"status\":{\"a\":3}}")).getCode()).isEqualTo(404);
    }

    @Test
    void builtInKindsHaveTheirStatusSubresource() {
        String namespace = newNamespace(client);
        Deployment deployment = new DeploymentBuilder()
                .withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withReplicas(2)
                .withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx")
                .endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withReplicas(7).endStatus()
                .build();
        var deployments = client.apps().deployments().inNamespace(namespace);
        Deployment created = deployments.resource(deployment).create();
        assertThat(created.getStatus()).isNull();
        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);

        Deployment withStatus = deployments.withName("web").status()
                .patch(MERGE, "{\"status\":{\"readyReplicas\":2},\"spec\":{\"replicas\":5}}");
        assertThat(withStatus.getStatus().getReadyReplicas()).isEqualTo(2);
        assertThat(withStatus.getSpec().getReplicas()).isEqualTo(2);
        assertThat(withStatus.getMetadata().getGeneration()).isEqualTo(1L);
    }
}
