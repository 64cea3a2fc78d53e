package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kopf.testing.internal.apiserver.ResourceRegistry.ApiGroup;
import dev.kopf.testing.internal.apiserver.ResourceType.Trait;
import java.util.List;

/**
 * The discovery documents: {@code /version}, {@code /api}, {@code /api/v1}, {@code /apis},
 * {@code /apis/group} and {@code /apis/group/version}, in their plain (not aggregated) form.
 */
final class DiscoveryDocuments {
    static final String KUBERNETES_VERSION = "v1.32.0";

    private DiscoveryDocuments() {
    }

    static ObjectNode version() {
        ObjectNode version = JsonNodes.object();
        version.put("major", "1");
        version.put("minor", "32");
        version.put("gitVersion", KUBERNETES_VERSION + "+kopf-embedded");
        version.put("gitCommit", "0000000000000000000000000000000000000000");
        version.put("gitTreeState", "clean");
        version.put("buildDate", "2025-01-01T00:00:00Z");
        version.put("goVersion", "go1.23.0");
        version.put("compiler", "gc");
        version.put("platform", "linux/amd64");
        return version;
    }

    static ObjectNode coreVersions(String serverAddress) {
        ObjectNode versions = JsonNodes.object();
        versions.put("kind", "APIVersions");
        versions.putArray("versions").add("v1");
        ObjectNode address = versions.putArray("serverAddressByClientCIDRs").addObject();
        address.put("clientCIDR", "0.0.0.0/0");
        address.put("serverAddress", serverAddress);
        return versions;
    }

    static ObjectNode groupList(ResourceRegistry registry) {
        ObjectNode list = JsonNodes.object();
        list.put("kind", "APIGroupList");
        list.put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        for (ApiGroup group : registry.groups()) {
            groups.add(group(group));
        }
        return list;
    }

    /** The {@code /apis/group} document, or {@code null} if no such group is served. */
    static ObjectNode group(ResourceRegistry registry, String name) {
        return registry.groups().stream()
                .filter(group -> group.name().equals(name))
                .findFirst()
                .map(group -> {
                    ObjectNode document = group(group);
                    document.put("kind", "APIGroup");
                    document.put("apiVersion", "v1");
                    return document;
                })
                .orElse(null);
    }

    private static ObjectNode group(ApiGroup group) {
        ObjectNode node = JsonNodes.object();
        node.put("name", group.name());
        ArrayNode versions = node.putArray("versions");
        for (String version : group.versions()) {
            versions.add(groupVersion(group.name(), version));
        }
        node.set("preferredVersion", groupVersion(group.name(), group.preferredVersion()));
        return node;
    }

    private static ObjectNode groupVersion(String group, String version) {
        ObjectNode node = JsonNodes.object();
        node.put("groupVersion", group + "/" + version);
        node.put("version", version);
        return node;
    }

    /** The {@code APIResourceList} of one group version, or {@code null} if none is served. */
    static ObjectNode resourceList(ResourceRegistry registry, String group, String version) {
        List<ResourceType> types = registry.types(group, version);
        if (types.isEmpty()) {
            return null;
        }
        ObjectNode list = JsonNodes.object();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode resources = list.putArray("resources");
        for (ResourceType type : types) {
            ObjectNode resource = resources.addObject();
            resource.put("name", type.plural());
            resource.put("singularName", type.names().singular());
            resource.put("namespaced", type.isNamespaced());
            resource.put("kind", type.kind());
            ArrayNode verbs = resource.putArray("verbs");
            type.verbs().forEach(verbs::add);
            if (!type.names().shortNames().isEmpty()) {
                ArrayNode shortNames = resource.putArray("shortNames");
                type.names().shortNames().forEach(shortNames::add);
            }
            if (type.has(Trait.STATUS_SUBRESOURCE)) {
                ObjectNode status = resources.addObject();
                status.put("name", type.plural() + "/status");
                status.put("singularName", "");
                status.put("namespaced", type.isNamespaced());
                status.put("kind", type.kind());
                status.putArray("verbs").add("get").add("patch").add("update");
            }
        }
        return list;
    }
}
