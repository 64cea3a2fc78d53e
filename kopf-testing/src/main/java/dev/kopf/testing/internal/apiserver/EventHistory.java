package dev.kopf.testing.internal.apiserver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bounded window of recent changes from which watches resume at a resourceVersion.
 *
 * <p>A ring buffer in resourceVersion order. Every change after {@link #startVersion()} is
 * kept; a watch from an older version must get 410 Gone. Guarded by the store's lock.
 */
final class EventHistory {
    private final ChangeEvent[] ring;
    private int head;
    private int size;
    private long startVersion;

    EventHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("History capacity must be >= 1: " + capacity);
        }
        this.ring = new ChangeEvent[capacity];
    }

    void append(ChangeEvent event) {
        if (size == ring.length) {
            startVersion = ring[head].resourceVersion();
            ring[head] = null;
            head = (head + 1) % ring.length;
            size--;
        }
        ring[(head + size) % ring.length] = event;
        size++;
    }

    /** Every change with a resourceVersion above this one is still in the history. */
    long startVersion() {
        return startVersion;
    }

    /** Forgets everything; only watches from {@code currentVersion} on can resume. */
    void clear(long currentVersion) {
        Arrays.fill(ring, null);
        head = 0;
        size = 0;
        startVersion = currentVersion;
    }

    /** The changes of one resource after a resourceVersion, oldest first. */
    List<ChangeEvent> after(long resourceVersion, GroupResource resource) {
        List<ChangeEvent> result = new ArrayList<>();
        for (int i = firstIndexAfter(resourceVersion); i < size; i++) {
            ChangeEvent event = ring[(head + i) % ring.length];
            if (event.resource().equals(resource)) {
                result.add(event);
            }
        }
        return result;
    }

    private int firstIndexAfter(long resourceVersion) {
        int low = 0;
        int high = size;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (ring[(head + middle) % ring.length].resourceVersion() <= resourceVersion) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
