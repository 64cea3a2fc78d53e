package dev.kopf.internal.rbac;

import java.util.List;

/**
 * A Role in one namespace, or a ClusterRole, with its rules; bound to the operator's
 * ServiceAccount by a binding of the same scope.
 *
 * @param namespace the Role's namespace, or {@code null} for a ClusterRole
 * @param rules the rules, ordered by API group and resource
 */
public record RoleSpec(String namespace, List<PolicyRule> rules) {

    /** Copies the components. */
    public RoleSpec {
        rules = List.copyOf(rules);
    }

    /**
     * Tells whether this is a ClusterRole.
     *
     * @return {@code true} without a namespace
     */
    public boolean isCluster() {
        return namespace == null;
    }
}
