package dev.kopf.testing.internal.apiserver;

import java.util.List;

/**
 * A resource regardless of version, e.g. {@code ("apps", "deployments")}: the unit of storage.
 *
 * @param group the API group, empty for the core group
 * @param resource the plural resource name
 */
record GroupResource(String group, String resource) {
    static final GroupResource NAMESPACES = new GroupResource("", "namespaces");
    static final GroupResource CUSTOM_RESOURCE_DEFINITIONS =
            new GroupResource("apiextensions.k8s.io", "customresourcedefinitions");

    /** The name used in messages: {@code configmaps}, {@code kopfexamples.kopf.dev}. */
    String qualified() {
        return group.isEmpty() ? resource : resource + "." + group;
    }

    ApiStatusException.Details details(String name) {
        return new ApiStatusException.Details(name, group, resource, List.of());
    }

    @Override
    public String toString() {
        return qualified();
    }
}
