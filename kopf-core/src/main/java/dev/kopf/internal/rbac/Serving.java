package dev.kopf.internal.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the operator serves, as {@code kopf run}'s {@code -n}/{@code -A} say, and where it
 * runs: decides between Roles per namespace and ClusterRoles.
 *
 * @param patterns the {@code -n} values: names, or comma-separated globs with {@code !}
 * @param clusterwide whether {@code -A} is given (or no {@code -n}, which means the same)
 * @param operatorNamespace the namespace of the operator's ServiceAccount and Deployment
 */
public record Serving(List<String> patterns, boolean clusterwide, String operatorNamespace) {

    /** Validates and copies the components. */
    public Serving {
        patterns = List.copyOf(patterns);
        Objects.requireNonNull(operatorNamespace, "operatorNamespace");
    }

    /**
     * Tells whether the objects are watched cluster-wide: with {@code -A}, without
     * {@code -n}, or when a pattern is a glob, which the runtime resolves by listing the
     * namespaces at start-up (one Role per namespace cannot be known in advance).
     *
     * @return {@code true} for ClusterRoles
     */
    public boolean isClusterwide() {
        return clusterwide || patterns.isEmpty() || !isLiteral();
    }

    /**
     * Tells whether the {@code -n} values are plain names, so the runtime needs no
     * namespace listing: the same test as the runtime's namespace patterns.
     *
     * @return {@code true} when no glob and no exclusion is given
     */
    public boolean isLiteral() {
        return literals().stream().noneMatch(text -> text.startsWith("!")
                || text.contains("*") || text.contains("?"));
    }

    /**
     * Returns the served namespaces when they are {@linkplain #isLiteral() literal}.
     *
     * @return the names, without duplicates, in the order given
     */
    public List<String> literals() {
        List<String> names = new ArrayList<>();
        for (String value : patterns) {
            for (String part : value.split(",")) {
                String text = part.strip();
                if (!text.isEmpty() && !names.contains(text)) {
                    names.add(text);
                }
            }
        }
        return names;
    }
}
