package dev.kopf.testing.internal.junit;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One resource whose objects a test may create: lists their uids, and deletes the new ones.
 * Used by {@link ClusterSession}.
 */
final class TrackedResource {

    private final ResourceDefinitionContext context;

    private TrackedResource(ResourceDefinitionContext context) {
        this.context = context;
    }

    static TrackedResource of(CustomResourceDefinition crd) {
        var spec = crd.getSpec();
        String version = spec.getVersions().stream()
                .filter(v -> Boolean.TRUE.equals(v.getStorage())).findFirst()
                .or(() -> spec.getVersions().stream().findFirst())
                .map(CustomResourceDefinitionVersion::getName)
                .orElseThrow(() -> new IllegalArgumentException(
                        "CRD " + crd.getMetadata().getName() + " has no versions."));
        return new TrackedResource(new ResourceDefinitionContext.Builder()
                .withGroup(spec.getGroup()).withVersion(version)
                .withPlural(spec.getNames().getPlural()).withKind(spec.getNames().getKind())
                .withNamespaced("Namespaced".equals(spec.getScope())).build());
    }

    /** Finds {@code plural}, {@code plural.group} or {@code plural.version.group}. */
    static TrackedResource discover(KubernetesClient client, String name) {
        int dot = name.indexOf('.');
        String plural = dot < 0 ? name : name.substring(0, dot);
        String rest = dot < 0 ? "" : name.substring(dot + 1);
        String groupVersion;
        if (rest.isEmpty()) {
            groupVersion = "v1";
        } else {
            APIGroup group = client.getApiGroup(rest);
            if (group != null) {
                groupVersion = group.getPreferredVersion().getGroupVersion();
            } else {
                int next = rest.indexOf('.');
                groupVersion = next < 0 ? rest : rest.substring(next + 1) + "/"
                        + rest.substring(0, next);
            }
        }
        APIResourceList list = client.getApiResources(groupVersion);
        APIResource found = list == null ? null : list.getResources().stream()
                .filter(r -> r.getName().equals(plural)).findFirst().orElse(null);
        if (found == null) {
            throw new IllegalArgumentException("Resource " + name + " is not served (looked in "
                    + groupVersion + "). Give it as plural, plural.group or "
                    + "plural.version.group, e.g. pods or deployments.apps.");
        }
        int slash = groupVersion.indexOf('/');
        return new TrackedResource(new ResourceDefinitionContext.Builder()
                .withGroup(slash < 0 ? "" : groupVersion.substring(0, slash))
                .withVersion(slash < 0 ? groupVersion : groupVersion.substring(slash + 1))
                .withPlural(plural).withKind(found.getKind())
                .withNamespaced(Boolean.TRUE.equals(found.getNamespaced())).build());
    }

    List<String> uids(KubernetesClient client) {
        return list(client).stream().map(o -> o.getMetadata().getUid()).toList();
    }

    void deleteExcept(KubernetesClient client, Collection<String> keep, Duration timeout) {
        Set<String> kept = new HashSet<>(keep);
        for (GenericKubernetesResource object : list(client)) {
            if (kept.contains(object.getMetadata().getUid())) {
                continue;
            }
            Resource<GenericKubernetesResource> resource = resource(client, object);
            List<String> finalizers = object.getMetadata().getFinalizers();
            try {
                if (finalizers != null && !finalizers.isEmpty()) {
                    resource.patch(PatchContext.of(PatchType.JSON_MERGE),
                            "{\"metadata\":{\"finalizers\":null}}");
                }
                resource.withGracePeriod(0).delete();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
            resource.waitUntilCondition(o -> o == null || !Objects.equals(
                    o.getMetadata().getUid(), object.getMetadata().getUid()),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private List<GenericKubernetesResource> list(KubernetesClient client) {
        MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
                Resource<GenericKubernetesResource>> all =
                client.genericKubernetesResources(context);
        return context.isNamespaceScoped() ? all.inAnyNamespace().list().getItems()
                : all.list().getItems();
    }

    private Resource<GenericKubernetesResource> resource(KubernetesClient client,
            GenericKubernetesResource object) {
        var all = client.genericKubernetesResources(context);
        String namespace = object.getMetadata().getNamespace();
        return (context.isNamespaceScoped() && namespace != null
                ? all.inNamespace(namespace) : all).withName(object.getMetadata().getName());
    }
}
