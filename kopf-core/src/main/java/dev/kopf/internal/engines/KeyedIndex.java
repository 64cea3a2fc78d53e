package dev.kopf.internal.engines;

import dev.kopf.IndexView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One index, as Kopf's {@code Index} with its {@code Store}s: each key maps to the values of
 * the objects that produced it, with a reverse map from each object to its keys, so that an
 * object's update or deletion touches only its own keys.
 *
 * <p>Written by {@link Indexers} on the objects' workers; read by handlers on any thread.
 * Guarded by {@code this}; readers get snapshots.
 */
final class KeyedIndex implements IndexView<Object, Object> {

    /** Stands for the {@code null} key in the maps. */
    private static final Object NULL_KEY = new Object();

    private final Map<Object, Map<String, Object>> items = new HashMap<>();
    private final Map<String, Set<Object>> reverse = new HashMap<>();

    /**
     * Replaces an object's entries.
     *
     * @param object the object's key
     * @param entries its entries, by index key
     */
    synchronized void replace(String object, Map<?, ?> entries) {
        Set<Object> keys = reverse.computeIfAbsent(object, k -> new HashSet<>());
        Set<Object> stale = new HashSet<>(keys);
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            Object key = wrap(entry.getKey());
            items.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(object, entry.getValue());
            keys.add(key);
            stale.remove(key);
        }
        stale.forEach(key -> discard(object, key));
        if (keys.isEmpty()) {
            reverse.remove(object);
        }
    }

    /**
     * Removes all of an object's entries.
     *
     * @param object the object's key
     */
    synchronized void discard(String object) {
        Set<Object> keys = reverse.get(object);
        if (keys != null) {
            new ArrayList<>(keys).forEach(key -> discard(object, key));
        }
    }

    private void discard(String object, Object key) {
        Map<String, Object> store = items.get(key);
        if (store != null) {
            store.remove(object);
            if (store.isEmpty()) {
                items.remove(key);
            }
        }
        Set<Object> keys = reverse.get(object);
        if (keys != null) {
            keys.remove(key);
            if (keys.isEmpty()) {
                reverse.remove(object);
            }
        }
    }

    @Override
    public synchronized Collection<Object> get(Object key) {
        Map<String, Object> store = items.get(wrap(key));
        return store == null ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(store.values()));
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        return items.containsKey(wrap(key));
    }

    @Override
    public synchronized Set<Object> keySet() {
        Set<Object> keys = new HashSet<>();
        items.keySet().forEach(key -> keys.add(unwrap(key)));
        return Collections.unmodifiableSet(keys);
    }

    @Override
    public synchronized int size() {
        return items.size();
    }

    @Override
    public synchronized Map<Object, Collection<Object>> asMap() {
        Map<Object, Collection<Object>> copy = new HashMap<>();
        items.forEach((key, store) -> copy.put(unwrap(key),
                Collections.unmodifiableList(new ArrayList<>(store.values()))));
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public synchronized String toString() {
        return asMap().toString();
    }

    private static Object wrap(Object key) {
        return key == null ? NULL_KEY : key;
    }

    private static Object unwrap(Object key) {
        return key == NULL_KEY ? null : key;
    }
}
