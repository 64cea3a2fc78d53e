package dev.kopf.internal.rbac;

import java.util.List;

/**
 * One rule of a Role or ClusterRole: one resource of one API group, its verbs, and the
 * handlers or features that need them.
 *
 * @param apiGroup the API group, {@code ""} for the core group
 * @param resource the plural resource, or {@code plural/subresource}
 * @param verbs the verbs, in Kubernetes' usual order
 * @param reasons who needs the rule, for the comment above it
 */
public record PolicyRule(String apiGroup, String resource, List<String> verbs,
        List<String> reasons) {

    /** Copies the components. */
    public PolicyRule {
        verbs = List.copyOf(verbs);
        reasons = List.copyOf(reasons);
    }
}
