package dev.kopf.testing.internal.apiserver;

import static dev.kopf.testing.internal.apiserver.ResourceType.Trait.DELETE_COLLECTION;
import static dev.kopf.testing.internal.apiserver.ResourceType.Trait.GENERATION;
import static dev.kopf.testing.internal.apiserver.ResourceType.Trait.STATUS_SUBRESOURCE;
import static dev.kopf.testing.internal.apiserver.ResourceType.Trait.STRATEGIC_MERGE_PATCH;
import static dev.kopf.testing.internal.apiserver.ResourceType.Trait.UNCONDITIONAL_UPDATE;

import dev.kopf.testing.internal.apiserver.ResourceType.Names;
import dev.kopf.testing.internal.apiserver.ResourceType.Scope;
import dev.kopf.testing.internal.apiserver.ResourceType.Trait;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The built-in resources the server offers before any CRD is posted: the ones operators
 * watch, own or post (pods, config maps, deployments, events, leases, CRDs, ...).
 *
 * <p>Traits follow the real registry strategies: which kinds keep a generation, which have a
 * status subresource. Pods have no generation here, as before Kubernetes 1.33.
 */
final class BuiltinResources {
    /** The built-in groups in the order discovery lists them. */
    static final List<String> GROUP_ORDER = List.of("", "apps", "batch", "events.k8s.io",
            "coordination.k8s.io", "apiextensions.k8s.io", "rbac.authorization.k8s.io",
            "admissionregistration.k8s.io");

    static final List<ResourceType> ALL = List.of(
            core("namespaces", "namespace", "Namespace", Scope.CLUSTER, List.of("ns"),
                    EnumSet.of(STATUS_SUBRESOURCE)),
            core("pods", "pod", "Pod", Scope.NAMESPACED, List.of("po"),
                    EnumSet.of(STATUS_SUBRESOURCE, DELETE_COLLECTION)),
            core("configmaps", "configmap", "ConfigMap", Scope.NAMESPACED, List.of("cm"),
                    EnumSet.of(DELETE_COLLECTION)),
            core("secrets", "secret", "Secret", Scope.NAMESPACED, List.of(),
                    EnumSet.of(DELETE_COLLECTION)),
            core("services", "service", "Service", Scope.NAMESPACED, List.of("svc"),
                    EnumSet.of(STATUS_SUBRESOURCE, DELETE_COLLECTION)),
            core("serviceaccounts", "serviceaccount", "ServiceAccount", Scope.NAMESPACED,
                    List.of("sa"), EnumSet.of(DELETE_COLLECTION)),
            core("events", "event", "Event", Scope.NAMESPACED, List.of("ev"),
                    EnumSet.of(DELETE_COLLECTION)),
            core("endpoints", "endpoints", "Endpoints", Scope.NAMESPACED, List.of("ep"),
                    EnumSet.of(DELETE_COLLECTION)),
            workload("apps", "deployments", "deployment", "Deployment", List.of("deploy")),
            workload("apps", "replicasets", "replicaset", "ReplicaSet", List.of("rs")),
            workload("apps", "statefulsets", "statefulset", "StatefulSet", List.of("sts")),
            workload("apps", "daemonsets", "daemonset", "DaemonSet", List.of("ds")),
            workload("batch", "jobs", "job", "Job", List.of()),
            workload("batch", "cronjobs", "cronjob", "CronJob", List.of("cj")),
            type("events.k8s.io", "events", "event", "Event", Scope.NAMESPACED, List.of("ev"),
                    EnumSet.of(DELETE_COLLECTION)),
            type("coordination.k8s.io", "leases", "lease", "Lease", Scope.NAMESPACED, List.of(),
                    EnumSet.of(DELETE_COLLECTION)),
            type("apiextensions.k8s.io", "customresourcedefinitions", "customresourcedefinition",
                    "CustomResourceDefinition", Scope.CLUSTER, List.of("crd", "crds"),
                    EnumSet.of(STATUS_SUBRESOURCE, GENERATION, DELETE_COLLECTION)),
            rbac("roles", "role", "Role", Scope.NAMESPACED),
            rbac("rolebindings", "rolebinding", "RoleBinding", Scope.NAMESPACED),
            rbac("clusterroles", "clusterrole", "ClusterRole", Scope.CLUSTER),
            rbac("clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding",
                    Scope.CLUSTER),
            type("admissionregistration.k8s.io", "validatingwebhookconfigurations",
                    "validatingwebhookconfiguration", "ValidatingWebhookConfiguration",
                    Scope.CLUSTER, List.of(), EnumSet.of(GENERATION, DELETE_COLLECTION)),
            type("admissionregistration.k8s.io", "mutatingwebhookconfigurations",
                    "mutatingwebhookconfiguration", "MutatingWebhookConfiguration",
                    Scope.CLUSTER, List.of(), EnumSet.of(GENERATION, DELETE_COLLECTION)));

    private BuiltinResources() {
    }

    private static ResourceType core(String plural, String singular, String kind, Scope scope,
            List<String> shortNames, Set<Trait> traits) {
        return type("", plural, singular, kind, scope, shortNames, traits);
    }

    private static ResourceType rbac(String plural, String singular, String kind,
            Scope scope) {
        return type("rbac.authorization.k8s.io", plural, singular, kind, scope, List.of(),
                EnumSet.of(DELETE_COLLECTION));
    }

    private static ResourceType workload(String group, String plural, String singular,
            String kind, List<String> shortNames) {
        return type(group, plural, singular, kind, Scope.NAMESPACED, shortNames,
                EnumSet.of(STATUS_SUBRESOURCE, GENERATION, DELETE_COLLECTION));
    }

    private static ResourceType type(String group, String plural, String singular, String kind,
            Scope scope, List<String> shortNames, Set<Trait> traits) {
        Set<Trait> all = EnumSet.copyOf(traits);
        all.add(STRATEGIC_MERGE_PATCH);
        // CRDs refuse unconditional updates, like custom resources do.
        if (!kind.equals("CustomResourceDefinition")) {
            all.add(UNCONDITIONAL_UPDATE);
        }
        return new ResourceType(new GroupResource(group, plural), "v1",
                new Names(singular, kind, new ArrayList<>(shortNames)), scope, all);
    }
}
