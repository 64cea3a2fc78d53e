package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * An approximation of Kubernetes' strategic merge patch for built-in kinds.
 *
 * <p>It is {@link MergePatch} plus the parts of the strategy that operators meet most:
 * <ul>
 *   <li>lists of objects with a well-known merge key merge element by element: containers,
 *       init containers, volumes, env, image pull secrets (by {@code name}), volume mounts (by
 *       {@code mountPath}), ports (by {@code containerPort} or {@code port}), owner references
 *       (by {@code uid}), conditions (by {@code type});</li>
 *   <li>{@code metadata.finalizers} merges as a set, and
 *       {@code $deleteFromPrimitiveList/<field>} removes values from such a list;</li>
 *   <li>an element or map carrying {@code "$patch": "delete"} is removed, one carrying
 *       {@code "$patch": "replace"} replaces its target;</li>
 *   <li>other directives ({@code $setElementOrder/...}, {@code $retainKeys}) are ignored.</li>
 * </ul>
 * Real strategic merge patch takes the merge keys from the Go types' struct tags, field by
 * field; this table is keyed by field name only, and any other list is replaced.
 */
final class StrategicMergePatch {
    private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/";

    private StrategicMergePatch() {
    }

    /** Applies a patch to a target that the caller owns; returns the patched value. */
    static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        String directive = JsonNodes.text(patch, "$patch");
        if ("replace".equals(directive)) {
            return withoutDirectives((ObjectNode) patch.deepCopy());
        }
        ObjectNode result = target instanceof ObjectNode objectNode
                ? objectNode : JsonNodes.object();
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                deleteFromList(result, key.substring(DELETE_FROM_PRIMITIVE_LIST.length()), value);
            } else if (key.startsWith("$")) {
                continue;
            } else if (value.isNull() || "delete".equals(JsonNodes.text(value, "$patch"))) {
                result.remove(key);
            } else if (value.isArray() && result.get(key) instanceof ArrayNode existing) {
                result.set(key, mergeList(key, existing, (ArrayNode) value));
            } else {
                result.set(key, apply(result.get(key), value));
            }
        }
        return result;
    }

    private static JsonNode mergeList(String field, ArrayNode existing, ArrayNode patch) {
        if (field.equals("finalizers")) {
            for (JsonNode value : patch) {
                if (!contains(existing, value)) {
                    existing.add(value.deepCopy());
                }
            }
            return existing;
        }
        String mergeKey = mergeKey(field, patch);
        if (mergeKey == null) {
            return patch.deepCopy();
        }
        for (JsonNode element : patch) {
            int index = indexOf(existing, mergeKey, element.get(mergeKey));
            if ("delete".equals(JsonNodes.text(element, "$patch"))) {
                if (index >= 0) {
                    existing.remove(index);
                }
            } else if (index >= 0) {
                existing.set(index, apply(existing.get(index), element));
            } else {
                existing.add(element.isObject()
                        ? withoutDirectives((ObjectNode) element.deepCopy()) : element.deepCopy());
            }
        }
        return existing;
    }

    private static String mergeKey(String field, ArrayNode patch) {
        return switch (field) {
            case "containers", "initContainers", "ephemeralContainers", "volumes", "env",
                    "imagePullSecrets" -> "name";
            case "volumeMounts" -> "mountPath";
            case "ownerReferences" -> "uid";
            case "conditions" -> "type";
            case "ports" -> patch.size() > 0 && patch.get(0).has("containerPort")
                    ? "containerPort" : "port";
            default -> null;
        };
    }

    private static int indexOf(ArrayNode list, String key, JsonNode value) {
        for (int i = 0; value != null && i < list.size(); i++) {
            if (value.equals(list.get(i).get(key))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(ArrayNode list, JsonNode value) {
        for (JsonNode element : list) {
            if (element.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static void deleteFromList(ObjectNode target, String field, JsonNode values) {
        if (target.get(field) instanceof ArrayNode list && values.isArray()) {
            for (int i = list.size() - 1; i >= 0; i--) {
                if (contains((ArrayNode) values, list.get(i))) {
                    list.remove(i);
                }
            }
        }
    }

    private static ObjectNode withoutDirectives(ObjectNode node) {
        node.remove("$patch");
        node.remove("$retainKeys");
        return node;
    }
}
