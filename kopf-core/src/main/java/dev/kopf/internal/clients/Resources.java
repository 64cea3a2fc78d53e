package dev.kopf.internal.clients;

import dev.kopf.Resource;
import dev.kopf.internal.structs.DictPaths;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
     * Returns an object's URL: the cluster's address (with any path prefix it has), the
     * resource's API path, the namespace when it is namespaced, the name, the subresource.
     */
    static String url(KubernetesClient client, Resource resource, String namespace,
            String name, String subresource) {
        String master = client.getMasterUrl().toString();
        StringBuilder url = new StringBuilder(master.length() + 96)
                .append(master, 0, master.endsWith("/") ? master.length() - 1 : master.length())
                .append(resource.group() == null || resource.group().isEmpty()
                        ? "/api/" : "/apis/" + resource.group() + "/")
                .append(resource.version());
        if (resource.namespaced() && namespace != null) {
            url.append("/namespaces/").append(segment(namespace));
        }
        url.append('/').append(resource.plural()).append('/').append(segment(name));
        if (subresource != null) {
            url.append('/').append(subresource);
        }
        return url.toString();
    }

    private static String segment(String value) {
        // Kubernetes names are DNS labels or subdomains; anything else is escaped anyway.
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
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
