package dev.kopf.internal.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Resource;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The URLs of the operator's own requests, which do not go through fabric8's DSL. */
class ResourcesTest {

    private static final Resource EXAMPLES = new Resource("kopf.dev", "v1", "kopfexamples",
            "KopfExample", true, List.of(), List.of("status"));
    private static final Resource PODS = new Resource("", "v1", "pods", "Pod", true, List.of(),
            List.of("status"));
    private static final Resource NAMESPACES = new Resource("", "v1", "namespaces",
            "Namespace", false, List.of(), List.of());

    @Test
    void namespacedCustomObjectAndItsStatus() {
        try (KubernetesClient client = client("https://10.0.0.1:6443")) {
            assertThat(Resources.url(client, EXAMPLES, "default", "kopf-example-1", null))
                    .isEqualTo("https://10.0.0.1:6443/apis/kopf.dev/v1/namespaces/default/"
                            + "kopfexamples/kopf-example-1");
            assertThat(Resources.url(client, EXAMPLES, "default", "kopf-example-1", "status"))
                    .isEqualTo("https://10.0.0.1:6443/apis/kopf.dev/v1/namespaces/default/"
                            + "kopfexamples/kopf-example-1/status");
        }
    }

    @Test
    void coreGroupAndClusterScopedObjects() {
        try (KubernetesClient client = client("https://10.0.0.1:6443/")) {
            assertThat(Resources.url(client, PODS, "ns-1", "pod-1", null))
                    .isEqualTo("https://10.0.0.1:6443/api/v1/namespaces/ns-1/pods/pod-1");
            assertThat(Resources.url(client, NAMESPACES, null, "ns-1", null))
                    .isEqualTo("https://10.0.0.1:6443/api/v1/namespaces/ns-1");
        }
    }

    @Test
    void aPathPrefixOfTheClusterAddressIsKept() {
        // Proxies such as Rancher's serve the API below a path.
        try (KubernetesClient client = client("https://rancher.example/k8s/clusters/c-1/")) {
            assertThat(Resources.url(client, EXAMPLES, "default", "x", "status"))
                    .isEqualTo("https://rancher.example/k8s/clusters/c-1/apis/kopf.dev/v1/"
                            + "namespaces/default/kopfexamples/x/status");
        }
    }

    private static KubernetesClient client(String masterUrl) {
        return new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder().withMasterUrl(masterUrl).build()).build();
    }
}
