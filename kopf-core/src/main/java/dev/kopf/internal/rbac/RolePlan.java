package dev.kopf.internal.rbac;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns permission needs into Roles and ClusterRoles: needs where the objects are served go
 * to a Role in each served namespace, or to the ClusterRole when serving cluster-wide;
 * needs of one resource merge into one rule with the union of their verbs and reasons.
 */
public final class RolePlan {

    /** Kubernetes' usual order of verbs, as {@code kubectl create role} writes them. */
    static final List<String> VERB_ORDER = List.of("get", "list", "watch", "create", "update",
            "patch", "delete", "deletecollection");

    private RolePlan() {
    }

    /**
     * Plans the roles.
     *
     * @param needs the needs of the handlers and features
     * @param serving what is served and where the operator runs
     * @return the ClusterRole first (when any rule is cluster-wide), then the Roles by
     *     namespace in the order first needed
     */
    public static List<RoleSpec> plan(List<PermissionNeed> needs, Serving serving) {
        Map<String, Map<String, Rule>> roles = new LinkedHashMap<>();
        String cluster = "\0cluster";
        roles.put(cluster, new LinkedHashMap<>());
        for (PermissionNeed need : needs) {
            for (String namespace : namespacesOf(need, serving)) {
                String key = namespace == null ? cluster : namespace;
                roles.computeIfAbsent(key, k -> new LinkedHashMap<>())
                        .computeIfAbsent(need.apiGroup() + "/" + need.resource(),
                                k -> new Rule(need.apiGroup(), need.resource()))
                        .add(need);
            }
        }
        List<RoleSpec> specs = new ArrayList<>();
        roles.forEach((key, rules) -> {
            if (!rules.isEmpty()) {
                specs.add(new RoleSpec(key.equals(cluster) ? null : key, rules.values()
                        .stream().map(Rule::toPolicyRule)
                        .sorted(Comparator.comparing(PolicyRule::apiGroup)
                                .thenComparing(PolicyRule::resource))
                        .toList()));
            }
        });
        return specs;
    }

    /** The namespaces of a need's rule; a {@code null} element is the ClusterRole. */
    private static List<String> namespacesOf(PermissionNeed need, Serving serving) {
        return switch (need.scope()) {
            case CLUSTER -> java.util.Collections.singletonList(null);
            case NAMESPACE -> List.of(need.namespace() != null ? need.namespace()
                    : serving.operatorNamespace());
            case SERVED -> serving.isClusterwide()
                    ? java.util.Collections.singletonList(null) : serving.literals();
        };
    }

    /** A rule being merged. */
    private static final class Rule {
        private final String apiGroup;
        private final String resource;
        private final Set<String> verbs = new LinkedHashSet<>();
        private final Set<String> reasons = new LinkedHashSet<>();

        Rule(String apiGroup, String resource) {
            this.apiGroup = apiGroup;
            this.resource = resource;
        }

        void add(PermissionNeed need) {
            verbs.addAll(need.verbs());
            reasons.add(need.reason());
        }

        PolicyRule toPolicyRule() {
            List<String> ordered = new ArrayList<>(verbs);
            ordered.sort(Comparator.comparingInt(verb -> {
                int index = VERB_ORDER.indexOf(verb);
                return index < 0 ? VERB_ORDER.size() : index;
            }));
            return new PolicyRule(apiGroup, resource, ordered, List.copyOf(reasons));
        }
    }
}
