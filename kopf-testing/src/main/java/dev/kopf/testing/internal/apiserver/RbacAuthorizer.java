package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Kubernetes' RBAC authorizer over the stored Roles, ClusterRoles and their bindings: a
 * request is allowed when a binding whose subjects include the user (by ServiceAccount, user
 * name or group) refers to a role with a rule matching the verb, API group, resource (with
 * its subresource, {@code *} and {@code *}{@code /sub} forms), resource name and namespace, or
 * for non-resource requests the path ({@code nonResourceURLs}, with trailing {@code *}).
 * RoleBindings grant in their namespace only; ClusterRoleBindings everywhere.
 *
 * <p>Not emulated: aggregated ClusterRoles ({@code aggregationRule}) and escalation checks
 * on writes of roles and bindings.
 */
final class RbacAuthorizer {

    static final String GROUP = "rbac.authorization.k8s.io";
    static final GroupResource ROLES = new GroupResource(GROUP, "roles");
    static final GroupResource CLUSTER_ROLES = new GroupResource(GROUP, "clusterroles");
    static final GroupResource ROLE_BINDINGS = new GroupResource(GROUP, "rolebindings");
    static final GroupResource CLUSTER_ROLE_BINDINGS =
            new GroupResource(GROUP, "clusterrolebindings");

    private final ObjectStore store;

    RbacAuthorizer(ObjectStore store) {
        this.store = store;
    }

    /**
     * Tells whether a user may make a request.
     *
     * @param user the authenticated user
     * @param request what is asked
     * @return {@code true} when some binding allows it
     */
    boolean allows(ServiceAccountTokens.UserInfo user, RequestAttributes request) {
        for (StoredObject binding : store.all(CLUSTER_ROLE_BINDINGS)) {
            if (binds(binding.node(), user)
                    && roleAllows(role(binding.node(), null), request)) {
                return true;
            }
        }
        if (!request.resourceRequest() || request.namespace() == null) {
            return false;
        }
        for (StoredObject binding : store.all(ROLE_BINDINGS)) {
            if (request.namespace().equals(binding.namespace()) && binds(binding.node(), user)
                    && roleAllows(role(binding.node(), binding.namespace()), request)) {
                return true;
            }
        }
        return false;
    }

    /** The role a binding refers to, or {@code null} when it does not exist (yet). */
    private JsonNode role(JsonNode binding, String namespace) {
        JsonNode ref = binding.path("roleRef");
        String name = ref.path("name").asText();
        StoredObject role = switch (ref.path("kind").asText()) {
            case "ClusterRole" -> store.get(CLUSTER_ROLES, null, name);
            case "Role" -> namespace == null ? null : store.get(ROLES, namespace, name);
            default -> null;
        };
        return role == null ? null : role.node();
    }

    private static boolean binds(JsonNode binding, ServiceAccountTokens.UserInfo user) {
        for (JsonNode subject : binding.path("subjects")) {
            String kind = subject.path("kind").asText();
            String name = subject.path("name").asText();
            boolean matches = switch (kind) {
                case "ServiceAccount" -> user.name().equals("system:serviceaccount:"
                        + subject.path("namespace").asText() + ":" + name);
                case "User" -> user.name().equals(name);
                case "Group" -> user.groups().contains(name);
                default -> false;
            };
            if (matches) {
                return true;
            }
        }
        return false;
    }

    private static boolean roleAllows(JsonNode role, RequestAttributes request) {
        if (role == null) {
            return false;
        }
        for (JsonNode rule : role.path("rules")) {
            if (request.resourceRequest() ? resourceRuleAllows(rule, request)
                    : nonResourceRuleAllows(rule, request)) {
                return true;
            }
        }
        return false;
    }

    private static boolean resourceRuleAllows(JsonNode rule, RequestAttributes request) {
        return contains(rule.path("verbs"), request.verb())
                && contains(rule.path("apiGroups"), request.apiGroup())
                && resourceMatches(rule.path("resources"), request)
                && nameMatches(rule.path("resourceNames"), request.name());
    }

    private static boolean resourceMatches(JsonNode resources, RequestAttributes request) {
        String combined = request.combinedResource();
        for (JsonNode resource : resources) {
            String value = resource.asText();
            if (value.equals("*") || value.equals(combined)) {
                return true;
            }
            if (request.subresource() != null && value.equals("*/" + request.subresource())) {
                return true;
            }
        }
        return false;
    }

    private static boolean nameMatches(JsonNode names, String name) {
        if (names.isMissingNode() || names.isNull() || names.isEmpty()) {
            return true;
        }
        // No wildcard here: Kubernetes compares resource names exactly.
        return name != null && textsOf(names).contains(name);
    }

    private static boolean nonResourceRuleAllows(JsonNode rule, RequestAttributes request) {
        if (!contains(rule.path("verbs"), request.verb())) {
            return false;
        }
        for (JsonNode url : rule.path("nonResourceURLs")) {
            String value = url.asText();
            if (value.equals("*") || value.equals(request.path())
                    || value.endsWith("*") && request.path().startsWith(
                            value.substring(0, value.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a list holds the value or {@code *}. */
    private static boolean contains(JsonNode values, String value) {
        List<String> texts = textsOf(values);
        return texts.contains("*") || texts.contains(value);
    }

    private static List<String> textsOf(JsonNode values) {
        java.util.ArrayList<String> texts = new java.util.ArrayList<>();
        values.forEach(value -> texts.add(value.asText()));
        return texts;
    }
}
