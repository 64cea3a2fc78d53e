package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * JSON Merge Patch, exactly as RFC 7386 defines it: a {@code null} deletes a key, objects
 * merge recursively, and anything else (arrays included) replaces the target value.
 */
final class MergePatch {
    private MergePatch() {
    }

    /**
     * Applies a patch. The target is consumed: it may be changed in place and returned, so
     * pass a copy of anything shared.
     */
    static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target instanceof ObjectNode objectNode
                ? objectNode : JsonNodes.object();
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            if (field.getValue().isNull()) {
                result.remove(field.getKey());
            } else {
                result.set(field.getKey(), apply(result.get(field.getKey()), field.getValue()));
            }
        }
        return result;
    }
}
