package dev.kopf;

import java.time.Duration;

/**
 * How handlers are executed.
 *
 * <p>The {@code execution} group of {@link OperatorSettings}, changed with
 * {@link OperatorSettings.Builder#execution}.
 *
 * @param defaultBackoff the retry delay after an unexpected exception, when a handler sets
 *     no {@code backoff}
 * @param maxWorkers on Java 17, the size of each bounded pool of platform threads (one
 *     for handlers, one for daemons); 0 picks 4 per core (at least 16) for handlers and 256
 *     for daemons. Not used on Java 21 and later, where every handler and daemon gets a
 *     virtual thread
 * @param lifecycle which due changing handlers run per cycle; see {@link Lifecycle}
 * @since 0.1
 */
public record ExecutionSettings(Duration defaultBackoff, int maxWorkers, Lifecycle lifecycle) {

    /** Defaults the lifecycle to {@link Lifecycle#ALL_AT_ONCE}. */
    public ExecutionSettings {
        lifecycle = lifecycle == null ? Lifecycle.ALL_AT_ONCE : lifecycle;
    }

    /**
     * Creates the group with the default lifecycle.
     *
     * @param defaultBackoff the retry delay after an unexpected exception
     * @param maxWorkers the pool size; 0 for the default
     */
    public ExecutionSettings(Duration defaultBackoff, int maxWorkers) {
        this(defaultBackoff, maxWorkers, Lifecycle.ALL_AT_ONCE);
    }

    /**
     * Returns a copy with another lifecycle.
     *
     * @param value the lifecycle
     * @return a new group
     * @since 0.2
     */
    public ExecutionSettings withLifecycle(Lifecycle value) {
        return new ExecutionSettings(defaultBackoff, maxWorkers, value);
    }

    /**
     * Returns a copy with another default backoff.
     *
     * @param value the backoff
     * @return a new group
     */
    public ExecutionSettings withDefaultBackoff(Duration value) {
        return new ExecutionSettings(value, maxWorkers, lifecycle);
    }

    /**
     * Returns a copy with another worker count.
     *
     * @param value the count; 0 for the default
     * @return a new group
     */
    public ExecutionSettings withMaxWorkers(int value) {
        return new ExecutionSettings(defaultBackoff, value, lifecycle);
    }
}
