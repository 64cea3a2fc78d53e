package dev.kopf.internal.engines;

import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The latest state of an object as a map that follows it: Kopf's {@code live_fresh_body},
 * given to daemons and timers, which live longer than any one event.
 *
 * <p>Replaced by the object's worker on every event; read by the daemon's thread. Each read
 * sees one whole state of the object.
 */
final class LiveBody extends AbstractMap<String, Object> {

    private final AtomicReference<Map<String, Object>> current;

    LiveBody(Map<String, Object> initial) {
        this.current = new AtomicReference<>(initial);
    }

    void replace(Map<String, Object> body) {
        current.set(body);
    }

    Map<String, Object> snapshot() {
        return current.get();
    }

    @Override
    public Object get(Object key) {
        return current.get().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return current.get().containsKey(key);
    }

    @Override
    public int size() {
        return current.get().size();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return current.get().entrySet();
    }
}
