package dev.kopf.cli;

import dev.kopf.internal.rbac.PolicyRule;
import dev.kopf.internal.rbac.RoleSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The YAML of the operator's identity and permissions: its ServiceAccount, and each planned
 * Role or ClusterRole with its binding. Every rule carries a comment naming who needs it.
 */
final class RbacManifests {

    private RbacManifests() {
    }

    /**
     * Returns the ServiceAccount.
     *
     * @param name the operator's name
     * @param namespace the operator's namespace
     * @return one YAML document
     */
    static String serviceAccount(String name, String namespace) {
        return "apiVersion: v1\n"
                + "kind: ServiceAccount\n"
                + metadata(name, namespace);
    }

    /**
     * Returns every role and its binding to the ServiceAccount.
     *
     * @param roles the planned roles
     * @param name the operator's name, also the roles' and bindings' name
     * @param namespace the operator's namespace, where its ServiceAccount is
     * @param notes remarks for the top of the first role
     * @return YAML documents, a role then its binding
     */
    static List<String> roles(List<RoleSpec> roles, String name, String namespace,
            List<String> notes) {
        List<String> documents = new ArrayList<>();
        boolean first = true;
        for (RoleSpec role : roles) {
            StringBuilder yaml = new StringBuilder();
            if (first) {
                notes.forEach(note -> yaml.append("# ").append(note).append('\n'));
                first = false;
            }
            String kind = role.isCluster() ? "ClusterRole" : "Role";
            yaml.append("apiVersion: rbac.authorization.k8s.io/v1\n")
                    .append("kind: ").append(kind).append('\n')
                    .append(metadata(name, role.namespace()))
                    .append("rules:\n");
            for (PolicyRule rule : role.rules()) {
                rule.reasons().forEach(reason -> yaml.append("  # ").append(reason)
                        .append('\n'));
                yaml.append("  - apiGroups: ").append(flow(List.of(rule.apiGroup())))
                        .append('\n')
                        .append("    resources: ").append(flow(List.of(rule.resource())))
                        .append('\n')
                        .append("    verbs: ").append(flow(rule.verbs())).append('\n');
            }
            documents.add(yaml.toString());
            documents.add("apiVersion: rbac.authorization.k8s.io/v1\n"
                    + "kind: " + kind + "Binding\n"
                    + metadata(name, role.namespace())
                    + "roleRef:\n"
                    + "  apiGroup: rbac.authorization.k8s.io\n"
                    + "  kind: " + kind + "\n"
                    + "  name: " + quoted(name) + "\n"
                    + "subjects:\n"
                    + "  - kind: ServiceAccount\n"
                    + "    name: " + quoted(name) + "\n"
                    + "    namespace: " + quoted(namespace) + "\n");
        }
        return documents;
    }

    static String metadata(String name, String namespace) {
        return "metadata:\n"
                + "  name: " + quoted(name) + "\n"
                + (namespace == null ? "" : "  namespace: " + quoted(namespace) + "\n")
                + "  labels:\n"
                + "    app.kubernetes.io/name: " + quoted(name) + "\n";
    }

    /** A YAML flow sequence of double-quoted strings. */
    static String flow(List<String> values) {
        return "[" + String.join(", ", values.stream().map(RbacManifests::quoted).toList())
                + "]";
    }

    /** A double-quoted YAML scalar: the JSON escapes are YAML's too. */
    static String quoted(String value) {
        StringBuilder text = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                default -> text.append(c);
            }
        }
        return text.append('"').toString();
    }
}
