package dev.kopf.internal.reactor;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds every handler back until the indexes are complete, as Kopf's
 * {@code operator_indexed} toggles: open once each watch stream of an indexed resource has
 * listed its objects and each listed object has been indexed. Without indexes it is open
 * from the start.
 *
 * <p>Watch streams report their listings; workers report each object they index (and
 * postpone their objects while the gate is closed). Thread-safe; opens once.
 */
final class IndexGate {

    private final AtomicBoolean open;
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final Set<String> indexed = ConcurrentHashMap.newKeySet();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    /** Streams yet to list, plus one until {@link #expect} is called. */
    private final AtomicInteger unlisted = new AtomicInteger(1);

    /**
     * Creates a gate.
     *
     * @param needed whether there are indexes at all; without them the gate is open
     */
    IndexGate(boolean needed) {
        this.open = new AtomicBoolean(!needed);
        if (!needed) {
            opened.complete(null);
        }
    }

    boolean isOpen() {
        return open.get();
    }

    /**
     * Completes when the gate opens, on the thread that opens it.
     *
     * @return the stage; complete already when open
     */
    CompletableFuture<Void> opened() {
        return opened;
    }

    /**
     * Says how many watch streams of indexed resources will report their listing.
     *
     * @param streams the count; 0 opens the gate at once
     */
    void expect(int streams) {
        unlisted.addAndGet(streams - 1);
        check();
    }

    /**
     * Reports one stream's listing.
     *
     * @param keys the workers' keys of the listed objects
     */
    void listed(Collection<String> keys) {
        for (String key : keys) {
            if (!indexed.contains(key)) {
                pending.add(key);
            }
        }
        // An object indexed between the two looks is not waited for.
        pending.removeIf(indexed::contains);
        unlisted.decrementAndGet();
        check();
    }

    /**
     * Reports an object whose event has been indexed (or whose deletion was seen).
     *
     * @param key the worker's key of the object
     */
    void indexed(String key) {
        if (open.get()) {
            return;
        }
        indexed.add(key);
        pending.remove(key);
        check();
    }

    private void check() {
        if (!open.get() && unlisted.get() <= 0 && pending.isEmpty()
                && open.compareAndSet(false, true)) {
            indexed.clear();
            opened.complete(null);
        }
    }
}
