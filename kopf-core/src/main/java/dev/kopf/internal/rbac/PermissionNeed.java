package dev.kopf.internal.rbac;

import java.util.List;
import java.util.Objects;

/**
 * One permission the runtime needs, and why: the unit that the handlers and each optional
 * feature contribute, before they are merged into Roles and ClusterRoles by
 * {@link RolePlan}.
 *
 * @param scope where the permission is needed
 * @param namespace the namespace for {@link Scope#NAMESPACE}, or {@code null} for the
 *     operator's own namespace; ignored for the other scopes
 * @param apiGroup the API group, {@code ""} for the core group
 * @param resource the plural resource, or {@code plural/subresource}
 * @param verbs the verbs, e.g. {@code list}, {@code watch}, {@code patch}
 * @param reason who needs it, e.g. {@code @OnCreate 'Handlers.created'}; shown as a comment
 */
public record PermissionNeed(Scope scope, String namespace, String apiGroup, String resource,
        List<String> verbs, String reason) {

    /** Where a permission applies. */
    public enum Scope {
        /** Where the handled objects are served: each namespace served, or cluster-wide. */
        SERVED,
        /** Cluster-wide: cluster-scoped resources and cluster-wide listings. */
        CLUSTER,
        /** One namespace: {@link #namespace()}, or the operator's own when that is null. */
        NAMESPACE
    }

    /** Validates and copies the components. */
    public PermissionNeed {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(apiGroup, "apiGroup");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(reason, "reason");
        verbs = List.copyOf(verbs);
        if (verbs.isEmpty()) {
            throw new IllegalArgumentException("A permission needs at least one verb: "
                    + resource + ".");
        }
    }

    /**
     * A permission where the handled objects are served.
     *
     * @param apiGroup the API group
     * @param resource the resource
     * @param verbs the verbs
     * @param reason who needs it
     * @return the need
     */
    public static PermissionNeed served(String apiGroup, String resource, List<String> verbs,
            String reason) {
        return new PermissionNeed(Scope.SERVED, null, apiGroup, resource, verbs, reason);
    }

    /**
     * A cluster-wide permission.
     *
     * @param apiGroup the API group
     * @param resource the resource
     * @param verbs the verbs
     * @param reason who needs it
     * @return the need
     */
    public static PermissionNeed cluster(String apiGroup, String resource, List<String> verbs,
            String reason) {
        return new PermissionNeed(Scope.CLUSTER, null, apiGroup, resource, verbs, reason);
    }

    /**
     * A permission in one namespace.
     *
     * @param namespace the namespace, or {@code null} for the operator's own
     * @param apiGroup the API group
     * @param resource the resource
     * @param verbs the verbs
     * @param reason who needs it
     * @return the need
     */
    public static PermissionNeed inNamespace(String namespace, String apiGroup,
            String resource, List<String> verbs, String reason) {
        return new PermissionNeed(Scope.NAMESPACE, namespace, apiGroup, resource, verbs,
                reason);
    }
}
