package dev.kopf.internal.clients;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;

/**
 * Creates and patches the {@code admissionregistration.k8s.io/v1} webhook configurations the
 * operator manages, and reads the nodes to guess the local cluster; the admission engine's
 * only way to the API.
 */
public final class WebhookConfigurationsClient {

    private static final String API_VERSION = "admissionregistration.k8s.io/v1";
    private final KubernetesClient client;

    /**
     * Creates the client.
     *
     * @param client the Kubernetes client
     */
    public WebhookConfigurationsClient(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Creates an empty configuration unless it exists (try-and-fail, which needs no
     * {@code get} permission, as Kopf does).
     *
     * @param kind {@code ValidatingWebhookConfiguration} or {@code MutatingWebhookConfiguration}
     * @param name the configuration's name
     * @throws ApiException when the server refuses it for another reason than existence
     */
    public void createIfAbsent(String kind, String name) {
        GenericKubernetesResource object = new GenericKubernetesResourceBuilder()
                .withApiVersion(API_VERSION).withKind(kind).withNewMetadata().withName(name)
                .endMetadata().build();
        try {
            client.genericKubernetesResources(API_VERSION, kind).resource(object).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw ApiException.from(e);
            }
        }
    }

    /**
     * Replaces the configuration's webhooks with a merge patch.
     *
     * @param kind the configuration's kind
     * @param name the configuration's name
     * @param webhooks the webhooks, as Kopf builds them
     * @throws ApiException when the server refuses it
     */
    public void patchWebhooks(String kind, String name, List<Map<String, Object>> webhooks) {
        try {
            client.genericKubernetesResources(API_VERSION, kind).withName(name)
                    .patch(PatchContext.of(PatchType.JSON_MERGE),
                            dev.kopf.internal.structs.CompactJson.write(
                                    Map.of("webhooks", webhooks)));
        } catch (KubernetesClientException e) {
            throw ApiException.from(e);
        }
    }

    /**
     * Reads the nodes' names, labels and kubelet versions, to tell local clusters apart.
     *
     * @return one line per node: {@code name labels kubeletVersion}
     */
    public List<String> describeNodes() {
        try {
            return client.nodes().list().getItems().stream().map(WebhookConfigurationsClient::describe)
                    .toList();
        } catch (KubernetesClientException e) {
            throw ApiException.from(e);
        }
    }

    private static String describe(Node node) {
        String version = node.getStatus() == null || node.getStatus().getNodeInfo() == null ? ""
                : node.getStatus().getNodeInfo().getKubeletVersion();
        return node.getMetadata().getName() + " " + node.getMetadata().getLabels() + " "
                + version;
    }
}
