package dev.kopf.benchmarks.harness;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Watches the benchmark's objects from the harness and notes when each is first seen
 * handled, i.e. with {@code status.createFn.message == "hello world"}. Waiting is on a
 * monitor signalled by the watch, never a polling loop.
 */
final class HandledTracker implements AutoCloseable {
    private final Map<String, Long> handled = new ConcurrentHashMap<>();
    private final SharedIndexInformer<GenericKubernetesResource> informer;

    /** Starts watching and returns once the initial list is in and the watch is open. */
    HandledTracker(KubernetesClient client, String namespace) throws Exception {
        informer = ExampleWatch.start(client, namespace, this::check, 60);
    }

    private void check(GenericKubernetesResource obj) {
        if (isHandled(obj.getAdditionalProperties().get("status"))) {
            long now = Clocks.nowMicros();
            if (handled.putIfAbsent(obj.getMetadata().getName(), now) == null) {
                synchronized (this) {
                    notifyAll();
                }
            }
        }
    }

    static boolean isHandled(Object status) {
        return status instanceof Map<?, ?> map && map.get("createFn") instanceof Map<?, ?> fn
                && "hello world".equals(fn.get("message"));
    }

    /** When the object was first seen handled, epoch microseconds, or {@code null}. */
    Long handledAt(String name) {
        return handled.get(name);
    }

    /** Waits until all the named objects are handled; false on timeout. */
    boolean await(Collection<String> names, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!handled.keySet().containsAll(names)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, 200_000_000L));
            }
            return true;
        }
    }

    /** How many of the named objects are handled. */
    long count(Collection<String> names) {
        return names.stream().filter(handled::containsKey).count();
    }

    /** The latest of the named objects' handled times; -1 if any is not handled. */
    long lastHandled(Collection<String> names) {
        long last = -1;
        for (String name : names) {
            Long at = handled.get(name);
            if (at == null) {
                return -1;
            }
            last = Math.max(last, at);
        }
        return last;
    }

    /** The earliest of the named objects' handled times; -1 if none is handled. */
    long firstHandled(Collection<String> names) {
        long first = Long.MAX_VALUE;
        for (String name : names) {
            Long at = handled.get(name);
            if (at != null) {
                first = Math.min(first, at);
            }
        }
        return first == Long.MAX_VALUE ? -1 : first;
    }

    @Override
    public void close() {
        informer.close();
    }
}
