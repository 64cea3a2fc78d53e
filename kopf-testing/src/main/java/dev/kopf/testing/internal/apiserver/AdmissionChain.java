package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * The admission chain between a write's decision and the store, as in Kubernetes: the
 * stored {@code MutatingWebhookConfiguration}s first (configurations by name, webhooks in
 * order; JSONPatches applied; {@code reinvocationPolicy: IfNeeded} honoured once), then the
 * {@code ValidatingWebhookConfiguration}s. A rejection answers the webhook's code and
 * message; a failed call follows the webhook's {@code failurePolicy}; warnings are collected
 * for the response's {@code Warning} headers.
 *
 * <p>Called by {@link ResourceEndpoint} outside the store's lock; the calls run on the
 * request's own thread (the transport moves requests off the event loop while webhook
 * configurations exist, so that webhooks may call the API server back).
 */
final class AdmissionChain {

    static final GroupResource VALIDATING =
            new GroupResource("admissionregistration.k8s.io", "validatingwebhookconfigurations");
    static final GroupResource MUTATING =
            new GroupResource("admissionregistration.k8s.io", "mutatingwebhookconfigurations");

    /** The warnings of the request being served on this thread. */
    private static final ThreadLocal<List<String>> WARNINGS =
            ThreadLocal.withInitial(ArrayList::new);

    private final ObjectStore store;
    private final WebhookCaller caller = new WebhookCaller();

    AdmissionChain(ObjectStore store) {
        this.store = store;
    }

    /** Whether any webhook configuration is stored, i.e. whether writes may call out. */
    boolean isActive() {
        return hasWebhooks(VALIDATING) || hasWebhooks(MUTATING);
    }

    private boolean hasWebhooks(GroupResource kind) {
        for (StoredObject configuration : store.list(kind, null).items()) {
            if (!configuration.node().path("webhooks").isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Takes the warnings collected on this thread, for the response's headers. */
    static List<String> drainWarnings() {
        List<String> warnings = List.copyOf(WARNINGS.get());
        WARNINGS.remove();
        return warnings;
    }

    /**
     * Admits a write.
     *
     * @param type the resource
     * @param path the request's path (namespace, name, subresource)
     * @param operation {@code CREATE}, {@code UPDATE} or {@code DELETE}
     * @param object the object to be stored, or {@code null} for deletions
     * @param oldObject the stored object, or {@code null} for creations
     * @param dryRun whether the request is {@code ?dryRun=All}
     * @return the object as mutated, to be stored (or {@code null} for deletions)
     * @throws ApiStatusException when a webhook rejects the write or fails with policy Fail
     */
    ObjectNode admit(ResourceType type, ApiPath path, String operation, ObjectNode object,
            ObjectNode oldObject, boolean dryRun) {
        ObjectNode mutated = mutate(type, path, operation, object, oldObject, dryRun);
        validate(type, path, operation, mutated, oldObject, dryRun);
        return mutated;
    }

    /**
     * The mutating half of {@link #admit}: creations call it before the store fills in the
     * generated name and the uid, as the API server does.
     *
     * @return the object as mutated
     */
    ObjectNode mutate(ResourceType type, ApiPath path, String operation, ObjectNode object,
            ObjectNode oldObject, boolean dryRun) {
        if (type.resource().equals(VALIDATING) || type.resource().equals(MUTATING)) {
            return object; // As in Kubernetes: webhooks are never called on their own config.
        }
        String namespace = path.namespace();
        WebhookRules.Attributes attributes = new WebhookRules.Attributes(type.group(),
                type.version(), type.plural(), path.subresource(), operation, namespace,
                type.isNamespaced(), object, oldObject);
        JsonNode namespaceLabels = namespaceLabels(type, path, object);
        ObjectNode current = object;
        List<Called> called = new ArrayList<>();
        for (JsonNode webhook : webhooks(MUTATING, attributes, namespaceLabels)) {
            current = mutate(webhook, type, path, operation, current, oldObject, dryRun, called);
        }
        // IfNeeded: webhooks called before a later change see the object once more.
        for (Called earlier : List.copyOf(called)) {
            if (earlier.changedAfter(called) && "IfNeeded".equals(
                    earlier.webhook().path("reinvocationPolicy").asText("Never"))) {
                current = mutate(earlier.webhook(), type, path, operation, current, oldObject,
                        dryRun, new ArrayList<>());
            }
        }
        return current;
    }

    /**
     * The validating half of {@link #admit}, on the object as it is to be stored.
     *
     * @throws ApiStatusException when a webhook rejects the write or fails with policy Fail
     */
    void validate(ResourceType type, ApiPath path, String operation, ObjectNode object,
            ObjectNode oldObject, boolean dryRun) {
        if (type.resource().equals(VALIDATING) || type.resource().equals(MUTATING)) {
            return;
        }
        WebhookRules.Attributes attributes = new WebhookRules.Attributes(type.group(),
                type.version(), type.plural(), path.subresource(), operation, path.namespace(),
                type.isNamespaced(), object, oldObject);
        JsonNode namespaceLabels = namespaceLabels(type, path, object);
        for (JsonNode webhook : webhooks(VALIDATING, attributes, namespaceLabels)) {
            verdict(webhook, type, path, operation, object, oldObject, dryRun);
        }
    }

    private ObjectNode mutate(JsonNode webhook, ResourceType type, ApiPath path,
            String operation, ObjectNode object, ObjectNode oldObject, boolean dryRun,
            List<Called> called) {
        JsonNode response = verdict(webhook, type, path, operation, object, oldObject, dryRun);
        if (response == null || !response.hasNonNull("patch") || object == null) {
            called.add(new Called(webhook, false));
            return object;
        }
        if (!"JSONPatch".equals(response.path("patchType").asText())) {
            throw ApiStatusException.internal("admission webhook \"" + name(webhook)
                    + "\" returned an unsupported patchType: " + response.path("patchType"));
        }
        JsonNode patch = JsonNodes.parse(Base64.getDecoder().decode(
                response.path("patch").asText()));
        JsonNode patched = JsonPatch.apply(object.deepCopy(), patch);
        boolean changed = !patched.equals(object);
        for (Called earlier : called) {
            earlier.markChanged(changed);
        }
        called.add(new Called(webhook, false));
        return (ObjectNode) patched;
    }

    /** Calls one webhook; returns its response, or {@code null} when ignored after failure. */
    private JsonNode verdict(JsonNode webhook, ResourceType type, ApiPath path,
            String operation, ObjectNode object, ObjectNode oldObject, boolean dryRun) {
        String sideEffects = webhook.path("sideEffects").asText("Unknown");
        if (dryRun && !sideEffects.equals("None") && !sideEffects.equals("NoneOnDryRun")) {
            throw ApiStatusException.badRequest("admission webhook \"" + name(webhook)
                    + "\" does not support dry run");
        }
        JsonNode response;
        try {
            response = caller.call(webhook, request(type, path, operation, object, oldObject,
                    dryRun));
        } catch (WebhookCaller.CallFailure e) {
            if ("Ignore".equals(webhook.path("failurePolicy").asText("Fail"))) {
                return null;
            }
            throw ApiStatusException.internal("failed calling webhook \"" + name(webhook)
                    + "\": " + e.getMessage());
        }
        response.path("warnings").forEach(warning -> WARNINGS.get().add(warning.asText()));
        if (!response.path("allowed").asBoolean(false)) {
            JsonNode status = response.path("status");
            int code = status.path("code").asInt(0);
            String message = status.path("message").asText("");
            throw new ApiStatusException(code == 0 ? 403 : code,
                    status.path("reason").asText(""), "admission webhook \"" + name(webhook)
                    + "\" denied the request" + (message.isEmpty() ? " without explanation"
                    : ": " + message), ApiStatusException.Details.NONE);
        }
        return response;
    }

    private List<JsonNode> webhooks(GroupResource kind, WebhookRules.Attributes attributes,
            JsonNode namespaceLabels) {
        List<StoredObject> configurations = new ArrayList<>(store.list(kind, null).items());
        configurations.sort(Comparator.comparing(StoredObject::name));
        List<JsonNode> result = new ArrayList<>();
        for (StoredObject configuration : configurations) {
            for (JsonNode webhook : configuration.node().path("webhooks")) {
                if (WebhookRules.matchesRules(webhook, attributes)
                        && WebhookRules.matchesNamespace(webhook, attributes, namespaceLabels)
                        && WebhookRules.matchesObject(webhook, attributes)) {
                    result.add(webhook);
                }
            }
        }
        return result;
    }

    private JsonNode namespaceLabels(ResourceType type, ApiPath path, ObjectNode object) {
        if (type.group().isEmpty() && type.plural().equals("namespaces")) {
            return object == null ? null : object.path("metadata").get("labels");
        }
        if (path.namespace() == null) {
            return null;
        }
        StoredObject namespace = store.get(GroupResource.NAMESPACES, null, path.namespace());
        return namespace == null ? null : namespace.labels();
    }

    private static ObjectNode request(ResourceType type, ApiPath path, String operation,
            ObjectNode object, ObjectNode oldObject, boolean dryRun) {
        ObjectNode request = JsonNodes.object();
        ObjectNode kind = request.putObject("kind");
        kind.put("group", type.group()).put("version", type.version()).put("kind", type.kind());
        ObjectNode resource = request.putObject("resource");
        resource.put("group", type.group()).put("version", type.version())
                .put("resource", type.plural());
        if (path.subresource() != null) {
            request.put("subResource", path.subresource());
        }
        request.set("requestKind", kind.deepCopy());
        request.set("requestResource", resource.deepCopy());
        if (path.subresource() != null) {
            request.put("requestSubResource", path.subresource());
        }
        String name = path.name() != null ? path.name()
                : object == null ? null : JsonNodes.text(object, "metadata", "name");
        if (name != null) {
            request.put("name", name);
        }
        if (path.namespace() != null) {
            request.put("namespace", path.namespace());
        }
        request.put("operation", operation);
        ObjectNode user = request.putObject("userInfo");
        user.put("username", "kubernetes-admin");
        ArrayNode groups = user.putArray("groups");
        groups.add("system:masters").add("system:authenticated");
        request.set("object", object);
        request.set("oldObject", oldObject);
        request.put("dryRun", dryRun);
        ObjectNode options = request.putObject("options");
        options.put("apiVersion", "meta.k8s.io/v1");
        options.put("kind", switch (operation) {
            case "CREATE" -> "CreateOptions";
            case "DELETE" -> "DeleteOptions";
            default -> "UpdateOptions";
        });
        return request;
    }

    private static String name(JsonNode webhook) {
        return webhook.path("name").asText();
    }

    /** A mutating webhook already called, and whether the object changed after it. */
    private static final class Called {
        private final JsonNode webhook;
        private boolean changedLater;

        Called(JsonNode webhook, boolean changedLater) {
            this.webhook = webhook;
            this.changedLater = changedLater;
        }

        JsonNode webhook() {
            return webhook;
        }

        void markChanged(boolean changed) {
            changedLater |= changed;
        }

        boolean changedAfter(List<Called> all) {
            return changedLater;
        }
    }
}
