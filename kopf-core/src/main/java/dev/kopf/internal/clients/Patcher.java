package dev.kopf.internal.clients;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kopf.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;
import java.util.Optional;

/**
 * Applies merge patches (RFC 7386) to objects, on the main resource or a subresource, and
 * reads objects back.
 */
public final class Patcher {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final KubernetesClient client;

    /**
     * Creates a patcher.
     *
     * @param client the client
     */
    public Patcher(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Applies a merge patch.
     *
     * @param resource the resource
     * @param namespace the namespace, or {@code null} for cluster-scoped objects
     * @param name the object's name
     * @param subresource {@code null} for the main resource, or e.g. {@code status}
     * @param patch the merge patch
     * @return the patched object, or empty when the object is gone (404)
     * @throws ApiException when the server rejects the patch (409 on a stale
     *     resourceVersion, 422 when invalid, …)
     */
    public Optional<Map<String, Object>> mergePatch(Resource resource, String namespace,
            String name, String subresource, Map<String, Object> patch) {
        String json;
        try {
            json = MAPPER.writeValueAsString(patch);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The patch is not serializable to JSON: " + patch,
                    e);
        }
        var one = Resources.operation(client, resource, namespace).withName(name);
        PatchContext context = PatchContext.of(PatchType.JSON_MERGE);
        try {
            GenericKubernetesResource result = subresource == null
                    ? one.patch(context, json)
                    : one.subresource(subresource).patch(context, json);
            return Optional.ofNullable(result).map(r -> Resources.toMap(client, r));
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            throw ApiException.from(e);
        }
    }

    /**
     * Reads an object.
     *
     * @param resource the resource
     * @param namespace the namespace, or {@code null}
     * @param name the name
     * @return the object, or empty when absent
     */
    public Optional<Map<String, Object>> get(Resource resource, String namespace, String name) {
        try {
            GenericKubernetesResource found =
                    Resources.operation(client, resource, namespace).withName(name).get();
            return Optional.ofNullable(found).map(r -> Resources.toMap(client, r));
        } catch (KubernetesClientException e) {
            throw ApiException.from(e);
        }
    }
}
