package dev.kopf.internal.admission;

import dev.kopf.internal.structs.CompactJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a handler's merge patch into the JSONPatch a mutating webhook answers with, as
 * Kopf's {@code Patch.as_json_patch}: the patch is merged into a copy of the admitted object,
 * and the ops are the difference between the two. No {@code test} ops; no-op changes vanish.
 */
final class JsonPatches {

    private JsonPatches() {
    }

    /**
     * Builds the ops.
     *
     * @param body the admitted object
     * @param mergePatch the handlers' patch (RFC 7386: {@code null} removes a key)
     * @return the JSONPatch ops, empty when nothing changes
     */
    static List<Map<String, Object>> of(Map<String, Object> body, Map<String, Object> mergePatch) {
        List<Map<String, Object>> ops = new ArrayList<>();
        if (mergePatch.isEmpty()) {
            return ops;
        }
        Object before = CompactJson.normalize(body);
        Object after = merge(CompactJson.normalize(body), CompactJson.normalize(mergePatch));
        diff("", before, after, ops);
        return ops;
    }

    @SuppressWarnings("unchecked")
    private static Object merge(Object target, Object patch) {
        if (!(patch instanceof Map<?, ?> patchMap)) {
            return patch;
        }
        Map<String, Object> result = target instanceof Map<?, ?> t
                ? new LinkedHashMap<>((Map<String, Object>) t) : new LinkedHashMap<>();
        ((Map<String, Object>) patchMap).forEach((key, value) -> {
            if (value == null) {
                result.remove(key);
            } else {
                result.put(key, merge(result.get(key), value));
            }
        });
        return result;
    }

    @SuppressWarnings("unchecked")
    private static void diff(String path, Object a, Object b, List<Map<String, Object>> ops) {
        if (a instanceof Map<?, ?> am && b instanceof Map<?, ?> bm) {
            Map<String, Object> before = (Map<String, Object>) am;
            Map<String, Object> after = (Map<String, Object>) bm;
            for (String key : before.keySet()) {
                if (!after.containsKey(key)) {
                    ops.add(op("remove", path + "/" + escape(key), null, false));
                }
            }
            for (Map.Entry<String, Object> entry : after.entrySet()) {
                String child = path + "/" + escape(entry.getKey());
                if (!before.containsKey(entry.getKey())) {
                    ops.add(op("add", child, entry.getValue(), true));
                } else {
                    diff(child, before.get(entry.getKey()), entry.getValue(), ops);
                }
            }
        } else if (!Objects.equals(a, b)) {
            ops.add(op("replace", path, b, true));
        }
    }

    private static Map<String, Object> op(String op, String path, Object value,
            boolean withValue) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("op", op);
        result.put("path", path);
        if (withValue) {
            result.put("value", value);
        }
        return result;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
