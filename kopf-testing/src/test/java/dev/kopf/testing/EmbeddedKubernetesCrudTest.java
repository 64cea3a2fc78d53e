package dev.kopf.testing;

import static dev.kopf.testing.EmbeddedKubernetesFixtures.configMap;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.createCrd;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.example;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.examples;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.failure;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.newNamespace;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Item 2: create, read, update and delete, namespaced and cluster-wide, typed and generic. */
class EmbeddedKubernetesCrudTest extends EmbeddedKubernetesTestBase {
    private static final ResourceDefinitionContext KOPFCLUSTERS_V1BETA1 =
            new ResourceDefinitionContext.Builder().withGroup("kopf.dev").withVersion("v1beta1")
                    .withKind("KopfCluster").withPlural("kopfclusters").withNamespaced(false)
                    .build();

    @BeforeAll
    void installCrds() {
        createCrd(client, "kopfexamples-crd.yaml");
        createCrd(client, "kopfclusters-crd.yaml");
    }

    @Test
    void theUsualNamespacesExistFromTheStart() {
        assertThat(client.namespaces().list().getItems())
                .extracting(namespace -> namespace.getMetadata().getName())
                .contains("default", "kube-system", "kube-public");
        assertThat(client.namespaces().withName("default").get().getStatus().getPhase())
                .isEqualTo("Active");
    }

    @Test
    void createSetsServerFieldsAndGenerationOnlyForKindsThatHaveOne() {
        String namespace = newNamespace(client);
        ConfigMap created = client.configMaps().inNamespace(namespace)
                .resource(configMap("plain", Map.of())).create();
        assertThat(UUID.fromString(created.getMetadata().getUid())).isNotNull();
        assertThat(created.getMetadata().getCreationTimestamp()).matches(
                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(created.getMetadata().getResourceVersion()).matches("\\d+");
        assertThat(created.getMetadata().getNamespace()).isEqualTo(namespace);
        assertThat(created.getMetadata().getGeneration()).isNull();

        GenericKubernetesResource custom = examples(client).inNamespace(namespace)
                .resource(example("custom", Map.of("a", 1))).create();
        assertThat(custom.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(custom.getMetadata().getUid()).isNotEqualTo(created.getMetadata().getUid());
    }

    @Test
    void generateNameAppendsFiveRandomCharacters() {
        String namespace = newNamespace(client);
        ConfigMap generated = client.configMaps().inNamespace(namespace).resource(
                new ConfigMapBuilder().withNewMetadata().withGenerateName("gen-").endMetadata()
                        .build()).create();
        assertThat(generated.getMetadata().getName()).matches("gen-[a-z0-9]{5}");
        assertThat(client.configMaps().inNamespace(namespace)
                .withName(generated.getMetadata().getName()).get()).isNotNull();
    }

    @Test
    void aDuplicateIsRejectedAsAlreadyExists() {
        String namespace = newNamespace(client);
        client.configMaps().inNamespace(namespace).resource(configMap("twin", Map.of())).create();
        KubernetesClientException failure = failure(() -> client.configMaps()
                .inNamespace(namespace).resource(configMap("twin", Map.of())).create());
        assertThat(failure.getCode()).isEqualTo(409);
        assertThat(failure.getStatus().getReason()).isEqualTo("AlreadyExists");
        assertThat(failure.getStatus().getMessage())
                .isEqualTo("configmaps \"twin\" already exists");
    }

    @Test
    void creatingInAMissingNamespaceIsNotFound() {
        KubernetesClientException failure = failure(() -> client.configMaps()
                .inNamespace("no-such-namespace").resource(configMap("orphan", Map.of()))
                .create());
        assertThat(failure.getCode()).isEqualTo(404);
        assertThat(failure.getStatus().getMessage())
                .isEqualTo("namespaces \"no-such-namespace\" not found");
        assertThat(failure.getStatus().getDetails().getKind()).isEqualTo("namespaces");
    }

    @Test
    void errorsAreStatusObjects() {
        KubernetesClientException failure = failure(() -> client.configMaps()
                .inNamespace("default").withName("missing").edit(cm -> cm));
        Status status = failure.getStatus();
        assertThat(status.getKind()).isEqualTo("Status");
        assertThat(status.getStatus()).isEqualTo("Failure");
        assertThat(status.getReason()).isEqualTo("NotFound");
        assertThat(status.getCode()).isEqualTo(404);
        assertThat(status.getMessage()).isEqualTo("configmaps \"missing\" not found");
        assertThat(status.getDetails().getName()).isEqualTo("missing");

        KubernetesClientException invalid = failure(() -> client.configMaps()
                .inNamespace("default").resource(configMap("Not_Valid", Map.of())).create());
        assertThat(invalid.getCode()).isEqualTo(422);
        assertThat(invalid.getStatus().getReason()).isEqualTo("Invalid");
        assertThat(invalid.getStatus().getDetails().getCauses()).singleElement()
                .satisfies(cause -> assertThat(cause.getField()).isEqualTo("metadata.name"));
    }

    @Test
    void typedAndGenericClientsSeeTheSameObjects() {
        String namespace = newNamespace(client);
        GenericKubernetesResource generic = new GenericKubernetesResourceBuilder()
                .withApiVersion("v1").withKind("ConfigMap")
                .withNewMetadata().withName("generic").endMetadata()
                .withAdditionalProperties(Map.of("data", Map.of("k", "v"))).build();
        client.genericKubernetesResources("v1", "ConfigMap").inNamespace(namespace)
                .resource(generic).create();
        ConfigMap typed = client.configMaps().inNamespace(namespace).withName("generic").get();
        assertThat(typed.getData()).containsEntry("k", "v");

        typed.getData().put("k", "changed");
        client.configMaps().inNamespace(namespace).resource(typed).update();
        assertThat(client.genericKubernetesResources("v1", "ConfigMap").inNamespace(namespace)
                .withName("generic").get().getAdditionalProperties().get("data"))
                .isEqualTo(Map.of("k", "changed"));

        client.configMaps().inNamespace(namespace).withName("generic").delete();
        assertThat(client.configMaps().inNamespace(namespace).withName("generic").get())
                .isNull();
    }

    @Test
    void clusterScopedObjectsLiveOutsideNamespaces() {
        Namespace namespace = client.namespaces().resource(new NamespaceBuilder()
                .withNewMetadata().withName("cluster-scoped-test").endMetadata().build())
                .create();
        assertThat(namespace.getMetadata().getNamespace()).isNull();

        GenericKubernetesResource cluster = new GenericKubernetesResourceBuilder()
                .withApiVersion("kopf.dev/v1").withKind("KopfCluster")
                .withNewMetadata().withName("whole-cluster").endMetadata().build();
        client.genericKubernetesResources("kopf.dev/v1", "KopfCluster").resource(cluster)
                .create();
        GenericKubernetesResource asBeta = client.genericKubernetesResources(
                KOPFCLUSTERS_V1BETA1).withName("whole-cluster").get();
        assertThat(asBeta.getApiVersion()).isEqualTo("kopf.dev/v1beta1");
        assertThat(asBeta.getMetadata().getNamespace()).isNull();
        assertThat(client.genericKubernetesResources(KOPFCLUSTERS_V1BETA1).list().getItems())
                .hasSize(1);
    }

    @Test
    void listsCanSpanAllNamespaces() {
        String first = newNamespace(client);
        String second = newNamespace(client);
        String label = UUID.randomUUID().toString();
        client.configMaps().inNamespace(first).resource(configMap("a", Map.of("run", label)))
                .create();
        client.configMaps().inNamespace(second).resource(configMap("b", Map.of("run", label)))
                .create();
        assertThat(client.configMaps().inAnyNamespace().withLabel("run", label).list()
                .getItems())
                .extracting(cm -> cm.getMetadata().getNamespace() + "/"
                        + cm.getMetadata().getName())
                .containsExactlyInAnyOrder(first + "/a", second + "/b");
    }
}
