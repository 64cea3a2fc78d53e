package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a webhook of a stored configuration applies to a request, as Kubernetes decides:
 * its {@code rules} (groups, versions, {@code resource/subresource} with wildcards,
 * operations, scope), its {@code matchPolicy}, its {@code namespaceSelector} and its
 * {@code objectSelector} (matched by the new or the old object).
 */
final class WebhookRules {

    private WebhookRules() {
    }

    /** What is being admitted, for matching. */
    record Attributes(String group, String version, String plural, String subresource,
            String operation, String namespace, boolean namespaced, JsonNode object,
            JsonNode oldObject) {
    }

    static boolean matchesRules(JsonNode webhook, Attributes request) {
        boolean exact = "Exact".equals(webhook.path("matchPolicy").asText("Equivalent"));
        for (JsonNode rule : webhook.path("rules")) {
            if (matchesRule(rule, request, !exact)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesRule(JsonNode rule, Attributes request, boolean equivalent) {
        String resource = request.subresource() == null ? request.plural()
                : request.plural() + "/" + request.subresource();
        String scope = rule.path("scope").asText("*");
        boolean scopeOk = scope.equals("*")
                || (scope.equals("Namespaced") == request.namespaced());
        // Equivalent: another version of the same group and resource matches too, because
        // the API server would convert the object to the webhook's version.
        return scopeOk && contains(rule.path("apiGroups"), request.group())
                && (equivalent || contains(rule.path("apiVersions"), request.version()))
                && contains(rule.path("operations"), request.operation())
                && matchesResource(rule.path("resources"), resource);
    }

    private static boolean matchesResource(JsonNode patterns, String resource) {
        for (JsonNode pattern : patterns) {
            String text = pattern.asText();
            if (text.equals(resource) || text.equals("*/*")) {
                return true;
            }
            String[] parts = text.split("/", 2);
            String[] actual = resource.split("/", 2);
            boolean mainOk = parts[0].equals("*") || parts[0].equals(actual[0]);
            boolean subOk = parts.length == 1 ? actual.length == 1
                    : parts[1].equals("*") ? actual.length == 2
                    : actual.length == 2 && parts[1].equals(actual[1]);
            if (parts.length == 1 && parts[0].equals("*")) {
                subOk = actual.length == 1;
            }
            if (mainOk && subOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(JsonNode values, String value) {
        for (JsonNode item : values) {
            if (item.asText().equals("*") || item.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** Kubernetes' objectSelector: the new or the old object's labels must match. */
    static boolean matchesObject(JsonNode webhook, Attributes request) {
        JsonNode selector = webhook.get("objectSelector");
        if (selector == null || selector.isNull() || selector.isEmpty()) {
            return true;
        }
        LabelSelector parsed = parse(selector);
        return (request.object() != null
                        && parsed.matches(request.object().path("metadata").get("labels")))
                || (request.oldObject() != null
                        && parsed.matches(request.oldObject().path("metadata").get("labels")));
    }

    /**
     * Kubernetes' namespaceSelector: cluster-scoped objects always match (except
     * Namespaces, which match by their own labels).
     */
    static boolean matchesNamespace(JsonNode webhook, Attributes request,
            JsonNode namespaceLabels) {
        JsonNode selector = webhook.get("namespaceSelector");
        if (selector == null || selector.isNull() || selector.isEmpty()) {
            return true;
        }
        boolean isNamespace = request.group().isEmpty() && request.plural().equals("namespaces");
        if (!request.namespaced() && !isNamespace) {
            return true;
        }
        return parse(selector).matches(namespaceLabels);
    }

    /** Turns a LabelSelector object into the query form the store already understands. */
    static LabelSelector parse(JsonNode selector) {
        List<String> requirements = new ArrayList<>();
        selector.path("matchLabels").fields().forEachRemaining(entry -> requirements.add(
                entry.getKey() + "=" + entry.getValue().asText()));
        for (JsonNode expression : selector.path("matchExpressions")) {
            String key = expression.path("key").asText();
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(value -> values.add(value.asText()));
            switch (expression.path("operator").asText()) {
                case "In" -> requirements.add(key + " in (" + String.join(",", values) + ")");
                case "NotIn" -> requirements.add(key + " notin (" + String.join(",", values)
                        + ")");
                case "Exists" -> requirements.add(key);
                case "DoesNotExist" -> requirements.add("!" + key);
                default -> throw ApiStatusException.badRequest("Unknown selector operator: "
                        + expression.path("operator").asText());
            }
        }
        return LabelSelector.parse(String.join(",", requirements));
    }
}
