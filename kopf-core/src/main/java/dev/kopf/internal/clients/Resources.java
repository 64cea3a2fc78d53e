package dev.kopf.internal.clients;

import dev.kopf.Resource;
import dev.kopf.internal.structs.DictPaths;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps {@link Resource} to fabric8's generic operations, and objects to JSON maps. */
final class Resources {

    private Resources() {
    }

    static ResourceDefinitionContext context(Resource resource) {
        return new ResourceDefinitionContext.Builder()
                .withGroup(resource.group())
                .withVersion(resource.version())
                .withPlural(resource.plural())
                .withKind(resource.kind())
                .withNamespaced(resource.namespaced())
                .build();
    }

    static NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> operation(
            KubernetesClient client, Resource resource, String namespace) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
                io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> all =
                client.genericKubernetesResources(context(resource));
        return resource.namespaced() && namespace != null ? all.inNamespace(namespace) : all;
    }

    /**
     * Converts an object to a JSON map. Only {@code metadata} goes through Jackson: the other
     * top-level fields are already JSON maps and lists, and are deep-copied so that nothing
     * downstream can change the informer's cache. This halves the work of a whole-object
     * {@code convertValue}, which every watch event used to pay.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(KubernetesClient client, GenericKubernetesResource object) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (object.getApiVersion() != null) {
            map.put("apiVersion", object.getApiVersion());
        }
        if (object.getKind() != null) {
            map.put("kind", object.getKind());
        }
        if (object.getMetadata() != null) {
            map.put("metadata", client.getKubernetesSerialization()
                    .convertValue(object.getMetadata(), Map.class));
        }
        object.getAdditionalProperties().forEach((key, value) ->
                map.put(key, DictPaths.deepCopy(value)));
        return map;
    }
}
