package dev.kopf;

import java.util.List;
import java.util.Objects;

/**
 * A resource kind served by the Kubernetes API, as the framework watches and patches it.
 *
 * @param group the API group, empty for the core group
 * @param version the API version, e.g. {@code v1}
 * @param plural the plural name used in URLs, e.g. {@code kopfexamples}
 * @param kind the kind, e.g. {@code KopfExample}
 * @param namespaced whether objects of this resource live in namespaces
 * @param shortNames the short names, e.g. {@code kex}
 * @param subresources the subresources, e.g. {@code status}
 * @since 0.1
 */
public record Resource(String group, String version, String plural, String kind,
        boolean namespaced, List<String> shortNames, List<String> subresources) {

    /** Validates and copies the components. */
    public Resource {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(plural, "plural");
        shortNames = shortNames == null ? List.of() : List.copyOf(shortNames);
        subresources = subresources == null ? List.of() : List.copyOf(subresources);
    }

    /**
     * Returns {@code group/version}, or just {@code version} for the core group.
     *
     * @return the apiVersion of this resource's objects
     */
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /**
     * Tells whether the resource has a status subresource.
     *
     * @return {@code true} when {@code /status} is served
     */
    public boolean hasStatusSubresource() {
        return subresources.contains("status");
    }

    /**
     * Returns kubectl's name for the resource: {@code plural.version.group}.
     *
     * @return e.g. {@code kopfexamples.v1.kopf.dev} or {@code pods.v1}
     */
    public String name() {
        return group.isEmpty() ? plural + "." + version : plural + "." + version + "." + group;
    }

    @Override
    public String toString() {
        return name();
    }
}
