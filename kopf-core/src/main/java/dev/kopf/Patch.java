package dev.kopf;

import dev.kopf.internal.structs.DictPaths;
import java.util.LinkedHashMap;
import java.util.Map;

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
     * Tells whether nothing has been put into this patch.
     *
     * @return {@code true} when applying this patch would change nothing
     */
    public boolean isEmpty() {
        return DictPaths.isEmptyDeep(root);
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
        return root.toString();
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
