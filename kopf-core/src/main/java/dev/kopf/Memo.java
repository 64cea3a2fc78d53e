package dev.kopf;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Free-form memory kept by the operator: one for the operator, and one per object.
 *
 * <p>Each object's memo starts as a shallow copy of the operator's memo, so values put there
 * at start-up (a shared client, a cache) are seen by every handler, while values put from a
 * handler stay with that object until it is deleted or the operator exits.
 *
 * <p>Thread-safe. {@code null} values are not allowed.
 *
 * @since 0.1
 */
public final class Memo {

    private final Map<String, Object> values;

    /** Creates an empty memo. */
    public Memo() {
        this.values = new ConcurrentHashMap<>();
    }

    private Memo(Map<String, Object> values) {
        this.values = new ConcurrentHashMap<>();
        // Copying even an empty map allocates a table: each object's memo is such a copy.
        if (!values.isEmpty()) {
            this.values.putAll(values);
        }
    }

    /**
     * Returns a value.
     *
     * @param key the key
     * @return the value, or {@code null} when absent
     */
    public Object get(String key) {
        return values.get(key);
    }

    /**
     * Returns a value converted to a type.
     *
     * @param key the key
     * @param type the expected class
     * @param <T> the expected type
     * @return the value, or {@code null} when absent
     * @throws ClassCastException when the value is of another type
     */
    public <T> T get(String key, Class<T> type) {
        return type.cast(values.get(key));
    }

    /**
     * Stores a value.
     *
     * @param key the key
     * @param value the value; not {@code null}
     * @return the previous value, or {@code null}
     */
    public Object put(String key, Object value) {
        return values.put(key, value);
    }

    /**
     * Returns a value, computing and storing it first when absent.
     *
     * @param key the key
     * @param factory computes the value from the key
     * @return the present or computed value
     */
    public Object computeIfAbsent(String key, Function<String, Object> factory) {
        return values.computeIfAbsent(key, factory);
    }

    /**
     * Removes a value.
     *
     * @param key the key
     * @return the removed value, or {@code null}
     */
    public Object remove(String key) {
        return values.remove(key);
    }

    /**
     * Tells whether a key is present.
     *
     * @param key the key
     * @return {@code true} when a value is stored
     */
    public boolean containsKey(String key) {
        return values.containsKey(key);
    }

    /**
     * Returns a live map view of the values.
     *
     * @return the values; changes write through
     */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * Returns a shallow copy: the same values in a new memo.
     *
     * @return a new memo
     */
    public Memo copy() {
        return new Memo(values);
    }

    @Override
    public String toString() {
        return "Memo" + values;
    }
}
