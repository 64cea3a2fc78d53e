package dev.kopf;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * A read-only in-memory index built by an {@link Index} handler: each key maps to the
 * values of every object that produced that key. Injected as
 * {@code @IndexOf("handlerId") IndexView<K, V>}.
 *
 * <p>A handler returning a {@code Map} puts each entry under its key; any other non-null
 * result goes under the {@code null} key, as in Kopf. Values are kept as returned. The index
 * is complete (the initial listing of every indexed resource is done) before the first
 * resource handler runs, and follows every change and deletion.
 *
 * <p>Thread-safe: reads see a consistent state of each key; the index may change between
 * two reads.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @since 0.1
 */
public interface IndexView<K, V> {

    /**
     * Returns the values under a key.
     *
     * @param key the key; {@code null} for the results that were not maps
     * @return an immutable snapshot; empty when the key is absent
     */
    Collection<V> get(K key);

    /**
     * Tells whether any object produced a key.
     *
     * @param key the key
     * @return {@code true} when present
     */
    boolean containsKey(K key);

    /**
     * Returns the keys.
     *
     * @return an immutable snapshot
     */
    Set<K> keySet();

    /**
     * Returns the number of keys.
     *
     * @return the count
     */
    int size();

    /**
     * Tells whether the index has no keys.
     *
     * @return {@code true} when empty
     */
    default boolean isEmpty() {
        return size() == 0;
    }

    /**
     * Returns the whole index.
     *
     * @return an immutable snapshot: each key with its values
     */
    Map<K, Collection<V>> asMap();
}
