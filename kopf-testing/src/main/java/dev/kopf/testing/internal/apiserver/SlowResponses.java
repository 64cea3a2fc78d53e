package dev.kopf.testing.internal.apiserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Injected slowness: the next requests that match a method and a path are served only after
 * a delay, as by an overloaded API server or a slow etcd. The request is handled when the
 * delay is over, so writes made meanwhile by other clients come first, as they would on a real
 * server. Asked by {@link HttpTransport} before dispatching; kept apart from {@link Faults},
 * which answers with errors instead.
 */
final class SlowResponses {
    private static final class Slow {
        private final String method;
        private final Pattern path;
        private final long delayMillis;
        private int remaining;

        Slow(String method, Pattern path, int count, long delayMillis) {
            this.method = method;
            this.path = path;
            this.remaining = count;
            this.delayMillis = delayMillis;
        }
    }

    private final List<Slow> pending = new ArrayList<>();
    private volatile boolean armed;

    /** Delays the next {@code count} requests that match by {@code delay} each. */
    synchronized void add(String method, String pathRegex, int count, Duration delay) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1: " + count);
        }
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("delay must be positive: " + delay);
        }
        pending.add(new Slow(method.toUpperCase(Locale.ROOT), Pattern.compile(pathRegex), count,
                delay.toMillis()));
        armed = true;
    }

    /**
     * How long to hold this request before serving it, in milliseconds, 0 for not at all;
     * the first matching entry is used up by one.
     */
    long delayMillis(String method, String path) {
        return armed ? takeMatching(method, path) : 0;
    }

    private synchronized long takeMatching(String method, String path) {
        Iterator<Slow> entries = pending.iterator();
        while (entries.hasNext()) {
            Slow slow = entries.next();
            if (slow.method.equals(method) && slow.path.matcher(path).matches()) {
                if (--slow.remaining == 0) {
                    entries.remove();
                    armed = !pending.isEmpty();
                }
                return slow.delayMillis;
            }
        }
        return 0;
    }
}
