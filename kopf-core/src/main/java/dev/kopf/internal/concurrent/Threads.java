package dev.kopf.internal.concurrent;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the operator's executors: virtual threads when the JVM has them (21+), so that many
 * blocked handlers cost no platform threads; a bounded platform pool on Java 17.
 */
public final class Threads {

    private Threads() {
    }

    /**
     * Tells whether this JVM has virtual threads.
     *
     * @return {@code true} on Java 21 and later
     */
    public static boolean hasVirtualThreads() {
        return virtualFactory() != null;
    }

    /**
     * Makes the executor for handlers and per-object workers.
     *
     * @param name the thread name prefix
     * @param platformThreads the pool size when virtual threads are not available
     * @return an executor
     */
    public static ExecutorService workers(String name, int platformThreads) {
        Method factory = virtualFactory();
        if (factory != null) {
            try {
                return (ExecutorService) factory.invoke(null);
            } catch (ReflectiveOperationException e) {
                // Fall back to platform threads below.
            }
        }
        return Executors.newFixedThreadPool(platformThreads, daemons(name));
    }

    /**
     * Makes a single-thread scheduler for timed wake-ups.
     *
     * @param name the thread name
     * @return a scheduler with a daemon thread
     */
    public static ScheduledExecutorService scheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(daemons(name));
    }

    /**
     * Returns a factory of named daemon threads.
     *
     * @param name the name prefix
     * @return the factory
     */
    public static ThreadFactory daemons(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static Method virtualFactory() {
        try {
            return Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
