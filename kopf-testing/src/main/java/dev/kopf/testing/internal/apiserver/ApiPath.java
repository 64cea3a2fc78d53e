package dev.kopf.testing.internal.apiserver;

import java.util.List;
import java.util.Set;

/**
 * A resource path, parsed: {@code /api/v1/namespaces/ns/configmaps/name} or
 * {@code /apis/group/version/[namespaces/ns/]plural[/name[/subresource]]}.
 *
 * @param group the API group, empty for the core group
 * @param version the version
 * @param namespace the namespace in the path, or {@code null}
 * @param resource the plural resource name
 * @param name the object name, or {@code null} for the collection
 * @param subresource the subresource, or {@code null}
 */
record ApiPath(String group, String version, String namespace, String resource, String name,
        String subresource) {

    private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

    /**
     * Parses the segments after {@code /api/v1} or {@code /apis/group/version}; {@code null}
     * if they do not form a resource path.
     */
    static ApiPath parse(String group, String version, List<String> rest) {
        if (rest.isEmpty() || rest.size() > 5) {
            return null;
        }
        // "namespaces/x/status" is the namespace's own subresource, not a resource "status".
        boolean namespaced = rest.get(0).equals("namespaces") && rest.size() >= 3
                && !(rest.size() == 3 && NAMESPACE_SUBRESOURCES.contains(rest.get(2)));
        if (namespaced) {
            return new ApiPath(group, version, rest.get(1), rest.get(2), at(rest, 3),
                    at(rest, 4));
        }
        if (rest.size() > 3) {
            return null;
        }
        return new ApiPath(group, version, null, rest.get(0), at(rest, 1), at(rest, 2));
    }

    private static String at(List<String> segments, int index) {
        return index < segments.size() ? segments.get(index) : null;
    }

    boolean isCollection() {
        return name == null;
    }
}
