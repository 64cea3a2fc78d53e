package dev.kopf.internal.rbac;

import java.util.List;

/**
 * The permissions of the optional features, each switched on by an option of
 * {@code kopf run}: leader election (Leases), peering (Kopf's peering objects), admission
 * webhooks (the webhook configurations the operator manages) and sharding (Leases, labels).
 *
 * <p>Kept apart from {@link RbacRules} so that a feature adds its needs here, in one place,
 * as data; the features themselves live in {@code internal.engines}.
 */
public final class FeatureNeeds {

    /** The Lease API group. */
    public static final String COORDINATION = "coordination.k8s.io";
    /** Kopf's own API group, of the peering resources. */
    public static final String KOPF = "kopf.dev";
    /** The admission registration API group. */
    public static final String ADMISSION = "admissionregistration.k8s.io";

    private FeatureNeeds() {
    }

    /**
     * Leader election with a Lease: read it, create it the first time, renew it.
     *
     * @param leaseNamespace the Lease's namespace, or {@code null} for the operator's own
     * @return the needs
     */
    public static List<PermissionNeed> leaderElection(String leaseNamespace) {
        return List.of(PermissionNeed.inNamespace(leaseNamespace, COORDINATION, "leases",
                List.of("get", "create", "update"), "leader election (--leader-election)"));
    }

    /**
     * Kopf's peering: the peering object is read, watched and patched with each operator's
     * heartbeat, as Kopf's own RBAC example grants; Kopf does not create it.
     *
     * @param name the peering name given with {@code -P}
     * @param clusterwide whether the operator serves the whole cluster, which uses
     *     {@code clusterkopfpeerings} instead of the namespaced {@code kopfpeerings}
     * @return the needs
     */
    public static List<PermissionNeed> peering(String name, boolean clusterwide) {
        String reason = "peering '" + name + "' (-P)";
        List<String> verbs = List.of("get", "list", "watch", "patch");
        return clusterwide
                ? List.of(PermissionNeed.cluster(KOPF, "clusterkopfpeerings", verbs, reason))
                : List.of(PermissionNeed.served(KOPF, "kopfpeerings", verbs, reason));
    }

    /**
     * Admission webhooks: the operator keeps its validating and mutating webhook
     * configurations (cluster-scoped) pointing at itself.
     *
     * @param handlers the ids of the admission handlers, for the comment
     * @return the needs, none without admission handlers
     */
    public static List<PermissionNeed> admission(List<String> handlers) {
        if (handlers.isEmpty()) {
            return List.of();
        }
        String reason = "admission webhooks " + quoted(handlers);
        // As the operator writes them: create, and patch (fabric8 reads the object first)
        // when they exist (409).
        List<String> verbs = List.of("get", "create", "patch");
        return List.of(
                PermissionNeed.cluster(ADMISSION, "validatingwebhookconfigurations", verbs,
                        reason),
                PermissionNeed.cluster(ADMISSION, "mutatingwebhookconfigurations", verbs,
                        reason));
    }

    /**
     * Sharding: each replica's membership Lease (created, renewed, deleted at exit), the
     * ring's Leases listed by label, the sharder's Lease (leader election); and on every
     * watched resource, the sharder's and the owners' label patches (get: a handover asks
     * whether an object that left the selector still exists).
     *
     * @param leaseNamespace the Leases' namespace, or {@code null} for the operator's own
     * @param needs the needs derived from the handlers, whose watch-streams are sharded
     * @return the needs
     */
    public static List<PermissionNeed> sharding(String leaseNamespace,
            List<PermissionNeed> needs) {
        String reason = "sharding (--shards)";
        List<PermissionNeed> sharding = new java.util.ArrayList<>();
        sharding.add(PermissionNeed.inNamespace(leaseNamespace, COORDINATION, "leases",
                List.of("get", "list", "create", "update", "delete"), reason));
        for (PermissionNeed need : needs) {
            if (need.reason().startsWith("watch-stream of ")) {
                sharding.add(new PermissionNeed(need.scope(), need.namespace(), need.apiGroup(),
                        need.resource(), List.of("get", "patch"), reason + ": the labels"));
            }
        }
        return sharding;
    }

    static String quoted(List<String> ids) {
        return String.join(", ", ids.stream().map(id -> "'" + id + "'").toList());
    }
}
