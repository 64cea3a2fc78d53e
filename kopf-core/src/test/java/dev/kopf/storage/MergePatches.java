package dev.kopf.storage;

import dev.kopf.Patch;
import dev.kopf.internal.structs.DictPaths;
import java.util.Map;

/** Applies a merge patch (RFC 7386) as the API server would, for round-trip tests. */
final class MergePatches {

    private MergePatches() {
    }

    static Map<String, Object> apply(Map<String, Object> body, Patch patch) {
        Map<String, Object> result = DictPaths.deepCopyMap(body);
        merge(result, patch.asMap());
        return result;
    }

    private static void merge(Map<String, Object> target, Map<String, Object> patch) {
        patch.forEach((key, value) -> {
            if (value == null) {
                target.remove(key);
            } else if (value instanceof Map<?, ?> nested) {
                Map<String, Object> child = target.get(key) instanceof Map<?, ?> existing
                        ? DictPaths.cast(existing) : new java.util.LinkedHashMap<>();
                merge(child, DictPaths.cast(nested));
                target.put(key, child);
            } else {
                target.put(key, DictPaths.deepCopy(value));
            }
        });
    }
}
