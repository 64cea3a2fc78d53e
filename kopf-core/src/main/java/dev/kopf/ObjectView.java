package dev.kopf;

import dev.kopf.internal.structs.DictPaths;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A read-only view of a part of a Kubernetes object, backed by its parsed JSON map.
 *
 * <p>Shared by {@link Body}, {@link Spec}, {@link Meta} and {@link Status}. Values are the
 * JSON types: {@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean}.
 *
 * @since 0.1
 */
public sealed class ObjectView permits Body, Spec, Meta, Status {

    private final Map<String, Object> map;

    ObjectView(Map<String, Object> map) {
        this.map = map == null ? Map.of() : Collections.unmodifiableMap(map);
    }

    /**
     * Returns the value under a top-level key of this part.
     *
     * @param key a key such as {@code "replicas"}
     * @return the value, or {@code null} when absent
     */
    public Object get(String key) {
        return map.get(key);
    }

    /**
     * Returns the value at a dotted path below this part.
     *
     * @param dottedPath a path such as {@code "template.spec.containers"}
     * @return the value, or {@code null} when any step is absent
     */
    public Object path(String dottedPath) {
        return DictPaths.resolve(map, DictPaths.parse(dottedPath));
    }

    /**
     * Converts this part to a class with Jackson, e.g. a user's spec record.
     *
     * @param type the target class
     * @param <T> the target type
     * @return a new instance holding a copy of the data
     */
    public <T> T as(Class<T> type) {
        return Json.MAPPER.convertValue(map, Objects.requireNonNull(type, "type"));
    }

    /**
     * Returns the part as an unmodifiable map.
     *
     * @return the underlying data; never {@code null}
     */
    public Map<String, Object> asMap() {
        return map;
    }

    /**
     * Tells whether this part has no data.
     *
     * @return {@code true} when empty or absent
     */
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> child(Map<String, Object> parent, String key) {
        Object value = parent == null ? null : parent.get(key);
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> strings(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value instanceof Map<?, ?> m
                ? Collections.unmodifiableMap((Map<String, String>) m) : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<String> stringList(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value instanceof List<?> l ? Collections.unmodifiableList((List<String>) l) : List.of();
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass()
                && map.equals(((ObjectView) other).map);
    }

    @Override
    public int hashCode() {
        return map.hashCode();
    }

    @Override
    public String toString() {
        return map.toString();
    }
}
