package dev.kopf.internal.admission;

import dev.kopf.Operation;
import dev.kopf.Resource;
import dev.kopf.internal.intents.WebhookHandler;
import dev.kopf.internal.intents.WebhookHandler.WebhookType;
import dev.kopf.internal.structs.FilterMarkers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the {@code webhooks} of the managed configurations exactly as Kopf's
 * {@code build_webhooks}, except that names are lower-cased: Kubernetes wants lower-case DNS
 * names, and Java ids are camelCase.
 */
final class ManagedWebhooks {

    private ManagedWebhooks() {
    }

    /** The configuration's kind for handlers of one type. */
    static String kind(WebhookType type) {
        return type == WebhookType.MUTATING ? "MutatingWebhookConfiguration"
                : "ValidatingWebhookConfiguration";
    }

    static List<Map<String, Object>> build(List<WebhookHandler> handlers, WebhookType type,
            List<Resource> resources, String suffix, Map<String, Object> clientConfig,
            boolean persistentOnly) {
        List<Map<String, Object>> webhooks = new ArrayList<>();
        for (WebhookHandler handler : handlers) {
            if (handler.type() != type || (persistentOnly && !handler.options().persistent())) {
                continue;
            }
            Map<String, Object> webhook = new LinkedHashMap<>();
            webhook.put("name", name(handler.id(), suffix));
            webhook.put("sideEffects", handler.options().sideEffects() ? "NoneOnDryRun" : "None");
            webhook.put("failurePolicy", handler.options().ignoreFailures() ? "Ignore" : "Fail");
            webhook.put("matchPolicy", "Equivalent");
            webhook.put("rules", rules(handler, resources));
            webhook.put("objectSelector", labelSelector(handler.filters().labels()));
            webhook.put("clientConfig", ClientConfigs.forHandler(clientConfig, handler.id()));
            webhook.put("timeoutSeconds", handler.options().timeoutSeconds());
            webhook.put("admissionReviewVersions", List.of("v1", "v1beta1"));
            webhooks.add(webhook);
        }
        return webhooks;
    }

    private static List<Map<String, Object>> rules(WebhookHandler handler,
            List<Resource> resources) {
        List<Map<String, Object>> rules = new ArrayList<>();
        String subresource = handler.options().subresource();
        List<String> operations = handler.options().operations().isEmpty() ? List.of("*")
                : handler.options().operations().stream().sorted().map(Operation::name).toList();
        for (Resource resource : resources) {
            if (!handler.selector().matches(resource)) {
                continue;
            }
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("apiGroups", List.of(resource.group()));
            rule.put("apiVersions", List.of(resource.version()));
            rule.put("resources", List.of(subresource == null ? resource.plural()
                    : resource.plural() + "/" + subresource));
            rule.put("operations", operations);
            rule.put("scope", "*");
            rules.add(rule);
        }
        return rules;
    }

    /** Kopf's {@code _build_labels_selector}: the label filters as matchExpressions. */
    static Map<String, Object> labelSelector(Map<String, String> labels) {
        List<Map<String, Object>> expressions = new ArrayList<>();
        labels.forEach((key, value) -> {
            Map<String, Object> expression = new LinkedHashMap<>();
            expression.put("key", key);
            if (value == null || FilterMarkers.PRESENT.equals(value)) {
                expression.put("operator", "Exists");
            } else if (FilterMarkers.ABSENT.equals(value)) {
                expression.put("operator", "DoesNotExist");
            } else {
                expression.put("operator", "In");
                expression.put("values", List.of(value));
            }
            expressions.add(expression);
        });
        return expressions.isEmpty() ? null : Map.of("matchExpressions", expressions);
    }

    /** Kopf's {@code _normalize_name}, lower-cased. */
    static String name(String id, String suffix) {
        String name = id.replace('/', '.').replace('_', '-').toLowerCase(Locale.ROOT);
        StringBuilder clean = new StringBuilder();
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            clean.append(ch.matches("[a-z0-9.-]") ? ch
                    : HexFormat.of().formatHex(ch.getBytes(StandardCharsets.UTF_8)));
            i += Character.charCount(cp);
        }
        return suffix == null || suffix.isEmpty() ? clean.toString() : clean + "." + suffix;
    }
}
