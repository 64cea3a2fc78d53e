package dev.kopf.internal.clients;

import dev.kopf.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
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

    @SuppressWarnings("unchecked")
    static Map<String, Object> toMap(KubernetesClient client, GenericKubernetesResource object) {
        return client.getKubernetesSerialization().convertValue(object, Map.class);
    }
}
