package dev.kopf.internal.structs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Field paths in JSON-like trees of maps, lists and scalars, as Kopf's {@code dicts} module.
 *
 * <p>Used by diffs, essences and the storages to address fields such as
 * {@code status.kopf.progress}. Maps written to must be mutable; maps created here are
 * {@link LinkedHashMap}s so that insertion order (which Kopf's JSON output keeps) survives.
 */
public final class DictPaths {

    private DictPaths() {
    }

    /**
     * Splits a dotted field path: {@code "spec.field"} → {@code [spec, field]}.
     *
     * @param field the dotted path; {@code null} means the root
     * @return the keys from the root
     */
    public static List<String> parse(String field) {
        return field == null ? List.of() : List.of(field.split("\\.", -1));
    }

    /**
     * Parses several dotted field paths.
     *
     * @param fields dotted paths, or {@code null} for none
     * @return the parsed paths
     */
    public static List<List<String>> parseAll(Collection<String> fields) {
        return fields == null ? List.of() : fields.stream().map(DictPaths::parse).toList();
    }

    /**
     * Resolves a path; absent keys and non-map intermediates resolve to {@code null}.
     *
     * @param root the tree to look into; may be {@code null}
     * @param path the keys from the root; empty for the root itself
     * @return the value at the path, or {@code null}
     */
    public static Object resolve(Object root, List<String> path) {
        Object current = root;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    /**
     * Tells whether the path exists, even if it holds {@code null}.
     *
     * @param root the tree to look into; may be {@code null}
     * @param path the keys from the root
     * @return {@code true} when every key on the path is present
     */
    public static boolean contains(Object root, List<String> path) {
        Object current = root;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return false;
            }
            current = map.get(key);
        }
        return true;
    }

    /**
     * Sets a value, creating (or replacing non-map) intermediate maps as needed.
     *
     * @param root the mutable tree to change
     * @param path the keys from the root; must not be empty
     * @param value the value to put, {@code null} included
     */
    public static void set(Map<String, Object> root, List<String> path, Object value) {
        requireNotRoot(path);
        Map<String, Object> parent = root;
        for (String key : path.subList(0, path.size() - 1)) {
            parent = childMap(parent, key);
        }
        parent.put(path.get(path.size() - 1), value);
    }

    /**
     * Removes a field and every parent map that it leaves empty, as Kopf's
     * {@code dicts.remove}; absent fields are ignored.
     *
     * @param root the mutable tree to change
     * @param path the keys from the root; must not be empty
     */
    public static void remove(Map<String, Object> root, List<String> path) {
        requireNotRoot(path);
        String head = path.get(0);
        if (path.size() == 1) {
            root.remove(head);
        } else if (root.get(head) instanceof Map<?, ?> child) {
            remove(cast(child), path.subList(1, path.size()));
            if (child.isEmpty()) {
                root.remove(head);
            }
        }
    }

    /**
     * Copies the fields that exist in the source into the destination, as Kopf's
     * {@code dicts.cherrypick} with a deep-copying picker.
     *
     * @param source the tree to copy from
     * @param target the mutable tree to copy into
     * @param fields the paths to copy; absent ones are skipped
     */
    public static void cherrypick(Map<String, Object> source, Map<String, Object> target,
            Collection<List<String>> fields) {
        for (List<String> field : fields) {
            if (!field.isEmpty() && contains(source, field)) {
                set(target, field, deepCopy(resolve(source, field)));
            }
        }
    }

    /**
     * Deep-copies a JSON-like value into mutable maps and lists; scalars are shared.
     *
     * @param value a map, list, array, or scalar
     * @return an independent copy
     */
    public static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), deepCopy(item)));
            return copy;
        }
        if (value instanceof Collection<?> items) {
            List<Object> copy = new ArrayList<>(items.size());
            items.forEach(item -> copy.add(deepCopy(item)));
            return copy;
        }
        if (value instanceof Object[] array) {
            return deepCopy(Arrays.asList(array));
        }
        return value;
    }

    /**
     * Deep-copies a map.
     *
     * @param map the map to copy; {@code null} gives an empty map
     * @return an independent, mutable copy
     */
    public static Map<String, Object> deepCopyMap(Map<?, ?> map) {
        return map == null ? new LinkedHashMap<>() : cast(deepCopy(map));
    }

    /**
     * Views a JSON-like map as one with string keys (an unchecked cast, no copy).
     *
     * @param map a map whose keys are strings
     * @return the same map
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> cast(Object map) {
        return (Map<String, Object>) map;
    }

    private static Map<String, Object> childMap(Map<String, Object> parent, String key) {
        if (parent.get(key) instanceof Map<?, ?> existing) {
            return cast(existing);
        }
        Map<String, Object> created = new LinkedHashMap<>();
        parent.put(key, created);
        return created;
    }

    private static void requireNotRoot(List<String> path) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("The root of a tree cannot be set or removed."
                    + " Provide a specific field.");
        }
    }

    /**
     * Tells whether a map holds nothing but (nested) empty maps, as a merge patch that would
     * change nothing.
     *
     * @param map the map
     * @return {@code true} when every value is an empty map, recursively
     */
    public static boolean isEmptyDeep(Map<?, ?> map) {
        for (Object value : map.values()) {
            if (!(value instanceof Map<?, ?> nested) || !isEmptyDeep(nested)) {
                return false;
            }
        }
        return true;
    }
}
