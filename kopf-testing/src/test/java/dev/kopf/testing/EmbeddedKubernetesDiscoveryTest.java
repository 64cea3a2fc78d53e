package dev.kopf.testing;

import static dev.kopf.testing.EmbeddedKubernetesFixtures.KOPFEXAMPLES;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.createCrd;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.example;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.failure;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.http;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Item 1: discovery of built-in resources and of resources registered by CRDs. */
class EmbeddedKubernetesDiscoveryTest {
    private EmbeddedKubernetes server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        server = EmbeddedKubernetes.start();
        client = server.newClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void builtInResourcesAreListedWithTheirNamesVerbsAndSubresources() {
        APIResourceList core = client.getApiResources("v1");
        assertThat(core.getResources()).extracting(APIResource::getName).contains("namespaces",
                "pods", "pods/status", "configmaps", "secrets", "services", "serviceaccounts",
                "events", "endpoints");
        APIResource configMaps = resource(core, "configmaps");
        assertThat(configMaps.getKind()).isEqualTo("ConfigMap");
        assertThat(configMaps.getSingularName()).isEqualTo("configmap");
        assertThat(configMaps.getNamespaced()).isTrue();
        assertThat(configMaps.getShortNames()).containsExactly("cm");
        assertThat(configMaps.getVerbs()).contains("create", "get", "list", "watch", "patch",
                "update", "delete", "deletecollection");
        assertThat(resource(core, "namespaces").getNamespaced()).isFalse();
        assertThat(resource(core, "pods/status").getVerbs())
                .containsExactlyInAnyOrder("get", "patch", "update");

        assertThat(client.getApiGroups().getGroups()).extracting(APIGroup::getName)
                .contains("apps", "batch", "events.k8s.io", "coordination.k8s.io",
                        "apiextensions.k8s.io");
        assertThat(client.getApiResources("apps/v1").getResources())
                .extracting(APIResource::getName)
                .contains("deployments", "deployments/status", "replicasets", "statefulsets",
                        "daemonsets");
        assertThat(client.getApiResources("batch/v1").getResources())
                .extracting(APIResource::getName).contains("jobs");
        assertThat(client.getApiResources("events.k8s.io/v1").getResources())
                .extracting(APIResource::getName).contains("events");
        assertThat(client.getApiResources("coordination.k8s.io/v1").getResources())
                .extracting(APIResource::getName).contains("leases");
        assertThat(resource(client.getApiResources("apiextensions.k8s.io/v1"),
                "customresourcedefinitions").getNamespaced()).isFalse();
    }

    @Test
    void aPostedCrdIsServedInEveryVersionWithItsStatusSubresource() {
        createCrd(client, "kopfexamples-crd.yaml");
        createCrd(client, "kopfclusters-crd.yaml");
        createCrd(client, "kopfplains-crd.yaml");

        APIResourceList v1 = client.getApiResources("kopf.dev/v1");
        APIResource examples = resource(v1, "kopfexamples");
        assertThat(examples.getKind()).isEqualTo("KopfExample");
        assertThat(examples.getSingularName()).isEqualTo("kopfexample");
        assertThat(examples.getNamespaced()).isTrue();
        assertThat(examples.getShortNames()).contains("kopfex", "kex");
        assertThat(resource(v1, "kopfexamples/status").getKind()).isEqualTo("KopfExample");
        assertThat(resource(v1, "kopfclusters").getNamespaced()).isFalse();
        assertThat(v1.getResources()).extracting(APIResource::getName)
                .contains("kopfplains").doesNotContain("kopfplains/status");
        assertThat(client.getApiResources("kopf.dev/v1beta1").getResources())
                .extracting(APIResource::getName).containsExactly("kopfclusters");
        APIGroup group = client.getApiGroup("kopf.dev");
        assertThat(group.getPreferredVersion().getVersion()).isEqualTo("v1");

        // Clients that find the plural by kind through discovery work.
        GenericKubernetesResource created = client.genericKubernetesResources("kopf.dev/v1",
                "KopfExample").inNamespace("default")
                .resource(example("by-kind", Map.of("a", 1))).create();
        assertThat(client.genericKubernetesResources(KOPFEXAMPLES).inNamespace("default")
                .withName("by-kind").get().getMetadata().getUid())
                .isEqualTo(created.getMetadata().getUid());
    }

    @Test
    void aDeletedCrdIsNoLongerServedAndTakesItsObjectsAlong() {
        createCrd(client, "kopfexamples-crd.yaml");
        client.genericKubernetesResources(KOPFEXAMPLES).inNamespace("default")
                .resource(example("doomed", Map.of())).create();

        client.apiextensions().v1().customResourceDefinitions()
                .withName("kopfexamples.kopf.dev").delete();

        assertThat(client.getApiResources("kopf.dev/v1")).isNull();
        assertThat(http(client, "GET", "/apis/kopf.dev/v1/namespaces/default/kopfexamples",
                null, null).code()).isEqualTo(404);
        assertThat(failure(() -> client.genericKubernetesResources(KOPFEXAMPLES)
                .inNamespace("default").resource(example("late", Map.of())).create())
                .getCode()).isEqualTo(404);
        createCrd(client, "kopfexamples-crd.yaml");
        assertThat(client.genericKubernetesResources(KOPFEXAMPLES).inNamespace("default")
                .list().getItems()).isEmpty();
    }

    @Test
    void versionOpenApiAndAggregatedDiscoveryDoNotBreakClients() {
        assertThat(client.getKubernetesVersion().getMajor()).isEqualTo("1");
        assertThat(http(client, "GET", "/openapi/v2", null, null).code()).isEqualTo(404);

        // kubectl asks for aggregated discovery first and falls back on a plain answer.
        HttpResponse<String> apis = http(client, "GET", "/apis", null, null, "Accept",
                "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
                        + "application/json");
        assertThat(apis.code()).isEqualTo(200);
        assertThat(apis.header("Content-Type")).isEqualTo("application/json");
        assertThat(apis.body()).contains("\"kind\":\"APIGroupList\"");
        assertThat(http(client, "GET", "/api", null, null).body())
                .contains("\"kind\":\"APIVersions\"", "\"v1\"");
        assertThat(http(client, "GET", "/apis/no.such.group/v1", null, null).code())
                .isEqualTo(404);
    }

    private static APIResource resource(APIResourceList list, String name) {
        List<APIResource> matches = list.getResources().stream()
                .filter(resource -> resource.getName().equals(name))
                .toList();
        assertThat(matches).as("resource %s", name).hasSize(1);
        return matches.get(0);
    }
}
