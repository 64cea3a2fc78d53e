package dev.kopf.testing.internal.apiserver;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Injected failures: each one answers the next request that matches its method and path
 * with a Status error, once. Checked before any other handling.
 */
final class Faults {
    private record Fault(String method, Pattern path, int code, String message,
            int retryAfterSeconds) {
    }

    private final List<Fault> pending = new ArrayList<>();
    private volatile boolean armed;
    /** User-Agent fragments whose every request is refused: a network partition. */
    private final java.util.Set<String> partitioned =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    void partition(String userAgent) {
        partitioned.add(userAgent);
    }

    void heal(String userAgent) {
        partitioned.remove(userAgent);
    }

    /**
     * The failure for this request, if its client is partitioned away or a pending fault
     * matches (the fault is used up).
     */
    ApiStatusException take(String method, String path, String userAgent) {
        if (userAgent != null && !partitioned.isEmpty()
                && partitioned.stream().anyMatch(userAgent::contains)) {
            return ApiStatusException.injected(503, "The client '" + userAgent
                    + "' is partitioned away from the embedded server.");
        }
        return take(method, path);
    }

    synchronized void add(String method, String pathRegex, int code, String message) {
        add(method, pathRegex, code, message, 0);
    }

    /** A fault whose response also says {@code Retry-After} (seconds, 0 for none). */
    synchronized void add(String method, String pathRegex, int code, String message,
            int retryAfterSeconds) {
        if (code < 400 || code > 599) {
            throw new IllegalArgumentException("code must be an HTTP error (400-599): " + code);
        }
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfter must not be negative: "
                    + retryAfterSeconds);
        }
        pending.add(new Fault(method.toUpperCase(Locale.ROOT), Pattern.compile(pathRegex), code,
                message, retryAfterSeconds));
        armed = true;
    }

    /** The failure for this request, if a pending fault matches; the fault is used up. */
    ApiStatusException take(String method, String path) {
        return armed ? takeMatching(method, path) : null;
    }

    private synchronized ApiStatusException takeMatching(String method, String path) {
        Iterator<Fault> faults = pending.iterator();
        while (faults.hasNext()) {
            Fault fault = faults.next();
            if (fault.method().equals(method) && fault.path().matcher(path).matches()) {
                faults.remove();
                armed = !pending.isEmpty();
                return ApiStatusException.injected(fault.code(), fault.message())
                        .retryAfter(fault.retryAfterSeconds());
            }
        }
        return null;
    }
}
