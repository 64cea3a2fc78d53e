package dev.kopf;

import dev.kopf.internal.structs.DictPaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The merge patch (RFC 7386) that the framework applies once after a handler cycle.
 *
 * <p>Handlers add what they want changed; a {@code null} value removes a key. The framework
 * merges its own bookkeeping (progress, results, finalizers) into the same patch, so that one
 * cycle costs one write per endpoint: the main resource, and {@code /status} when the resource
 * has a status subresource.
 *
 * <pre>{@code
 * patch.status().put("phase", "Ready");
 * patch.metadata().labels().put("owner", "me");
 * }</pre>
 *
 * <p>Mutable; confined to the object's worker. Not thread-safe.
 *
 * @since 0.1
 */
public final class Patch {

    private final Map<String, Object> root = new LinkedHashMap<>();
    private final List<Consumer<Map<String, Object>>> fns = new ArrayList<>();

    /** Creates an empty patch. */
    public Patch() {
    }

    /**
     * Returns the {@code status} section, creating it when absent.
     *
     * @return a mutable map merged into the object's {@code status}
     */
    public Map<String, Object> status() {
        return section(root, "status");
    }

    /**
     * Returns the {@code spec} section, creating it when absent.
     *
     * @return a mutable map merged into the object's {@code spec}
     */
    public Map<String, Object> spec() {
        return section(root, "spec");
    }

    /**
     * Returns the {@code metadata} section, creating it when absent.
     *
     * @return the metadata section, with shortcuts for labels and annotations
     */
    public Metadata metadata() {
        return new Metadata(section(root, "metadata"));
    }

    /**
     * Returns the whole patch as a mutable map, for top-level fields such as {@code data}.
     *
     * @return the live root map of this patch
     */
    public Map<String, Object> asMap() {
        return root;
    }

    /**
     * Returns the transformations of the object, as Kopf's {@code patch.fns}: each gets a
     * copy of the latest object (after the merge patch) and changes it in place; the
     * difference is sent as a JSON patch (RFC 6902) guarded by the object's
     * {@code resourceVersion}, and recomputed on the newest object when that changed. For
     * changes a merge patch cannot say, such as adding to a list without replacing it.
     *
     * <pre>{@code
     * patch.fns().add(body -> ((Map<String, Object>) body.get("spec")).remove("legacy"));
     * }</pre>
     *
     * @return the live list of transformations, run in order
     * @since 0.2
     */
    public List<Consumer<Map<String, Object>>> fns() {
        return fns;
    }

    /**
     * Appends a value to the list at a dotted path (created when absent), keeping what the
     * list holds: sent as a JSON patch {@code add} to {@code /path/-}. A transformation; see
     * {@link #fns()}.
     *
     * <pre>{@code
     * patch.append("status.conditions", Map.of("type", "Ready", "status", "True"));
     * }</pre>
     *
     * @param path a dotted path, e.g. {@code status.conditions}
     * @param value the value to append
     * @return this patch
     * @throws IllegalArgumentException when the path is empty
     * @since 0.2
     */
    public Patch append(String path, Object value) {
        List<String> keys = DictPaths.parse(path);
        if (keys.isEmpty() || keys.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("Patch.append() needs a dotted path, e.g."
                    + " \"status.conditions\", not \"" + path + "\".");
        }
        Object copy = DictPaths.deepCopy(value);
        fns.add(body -> appendTo(body, keys, copy));
        return this;
    }

    @SuppressWarnings("unchecked")
    private static void appendTo(Map<String, Object> body, List<String> keys, Object value) {
        Map<String, Object> parent = body;
        for (String key : keys.subList(0, keys.size() - 1)) {
            parent = section(parent, key);
        }
        Object existing = parent.get(keys.get(keys.size() - 1));
        List<Object> list = existing instanceof List<?> items ? (List<Object>) items
                : new ArrayList<>();
        list.add(DictPaths.deepCopy(value));
        parent.put(keys.get(keys.size() - 1), list);
    }

    /**
     * Tells whether nothing has been put into this patch.
     *
     * @return {@code true} when applying this patch would change nothing
     */
    public boolean isEmpty() {
        return DictPaths.isEmptyDeep(root) && fns.isEmpty();
    }


    @SuppressWarnings("unchecked")
    static Map<String, Object> section(Map<String, Object> parent, String key) {
        Object existing = parent.get(key);
        if (existing instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        Map<String, Object> created = new LinkedHashMap<>();
        parent.put(key, created);
        return created;
    }

    @Override
    public String toString() {
        return fns.isEmpty() ? root.toString() : root + " + " + fns.size() + " fns";
    }

    /**
     * The {@code metadata} section of a {@link Patch}.
     *
     * @param map the live map of the section
     * @since 0.1
     */
    public record Metadata(Map<String, Object> map) {

        /**
         * Returns the labels to merge; a {@code null} value removes a label.
         *
         * @return a mutable map
         */
        public Map<String, Object> labels() {
            return section(map, "labels");
        }

        /**
         * Returns the annotations to merge; a {@code null} value removes an annotation.
         *
         * @return a mutable map
         */
        public Map<String, Object> annotations() {
            return section(map, "annotations");
        }
    }
}
