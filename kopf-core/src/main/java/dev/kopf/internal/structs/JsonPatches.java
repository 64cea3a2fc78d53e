package dev.kopf.internal.structs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Computes the JSON patch (RFC 6902) that turns one object into another: the wire form of
 * Kopf's {@code patch.fns}. Lists that only grew get {@code add} at {@code /path/-} for
 * each new item, so concurrent appends by others are kept; other changed lists are replaced.
 *
 * <p>Used by the applier after a cycle's transformations. Pure; no I/O.
 */
public final class JsonPatches {

    private JsonPatches() {
    }

    /**
     * Diffs two JSON documents.
     *
     * @param before the document as it is
     * @param after the document as it should be
     * @return the operations, empty when they are equal
     */
    public static List<Map<String, Object>> diff(Map<?, ?> before, Map<?, ?> after) {
        List<Map<String, Object>> operations = new ArrayList<>();
        diffMaps("", before, after, operations);
        return operations;
    }

    private static void diffMaps(String path, Map<?, ?> before, Map<?, ?> after,
            List<Map<String, Object>> operations) {
        for (Map.Entry<?, ?> entry : before.entrySet()) {
            if (!after.containsKey(entry.getKey())) {
                operations.add(operation("remove", path + "/" + escape(entry.getKey()), null));
            }
        }
        for (Map.Entry<?, ?> entry : after.entrySet()) {
            String child = path + "/" + escape(entry.getKey());
            if (!before.containsKey(entry.getKey())) {
                operations.add(operation("add", child, entry.getValue()));
            } else {
                diffValues(child, before.get(entry.getKey()), entry.getValue(), operations);
            }
        }
    }

    private static void diffValues(String path, Object before, Object after,
            List<Map<String, Object>> operations) {
        if (before instanceof Map<?, ?> old && after instanceof Map<?, ?> nu) {
            diffMaps(path, old, nu, operations);
        } else if (before instanceof List<?> old && after instanceof List<?> nu
                && nu.size() >= old.size() && Diffs.isEqual(old, nu.subList(0, old.size()))) {
            for (Object item : nu.subList(old.size(), nu.size())) {
                operations.add(operation("add", path + "/-", item));
            }
        } else if (!Diffs.isEqual(before, after)) {
            operations.add(operation("replace", path, after));
        }
    }

    /**
     * Makes one operation.
     *
     * @param op e.g. {@code add}, {@code test}
     * @param path the JSON pointer
     * @param value the value, ignored for {@code remove}
     * @return the operation
     */
    public static Map<String, Object> operation(String op, String path, Object value) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("op", op);
        operation.put("path", path);
        if (!op.equals("remove")) {
            operation.put("value", value);
        }
        return operation;
    }

    private static String escape(Object key) {
        return Objects.toString(key).replace("~", "~0").replace("/", "~1");
    }
}
