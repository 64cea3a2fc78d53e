package dev.kopf;

import java.time.Duration;
import java.util.Set;

/**
 * The stop-flag of a daemon or timer, injected into {@link Daemon} and {@link Timer} methods.
 *
 * <p>A daemon runs until it returns; it should return soon after the flag is raised (the
 * object is deleted, stops matching the filters, or the operator exits). Waiting on the flag
 * is also the way to sleep between iterations:
 *
 * <pre>{@code
 * while (!stopped.await(Duration.ofSeconds(10))) {
 *     logger.info("Still alive.");
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public interface DaemonStopped {

    /**
     * Tells whether the daemon is asked to stop.
     *
     * @return {@code true} once the flag is raised
     */
    boolean isSet();

    /**
     * Waits until the flag is raised or the time is over. An interrupt (the forced step of
     * stopping) ends the wait at once and keeps the thread's interrupted status.
     *
     * @param timeout how long to wait at most
     * @return {@code true} when the flag is raised, {@code false} when the time is over
     */
    boolean await(Duration timeout);

    /**
     * Returns the first reason the flag was raised for.
     *
     * @return e.g. {@link DaemonStoppingReason#RESOURCE_DELETED}, or {@code null} while not set
     */
    DaemonStoppingReason reason();

    /**
     * Returns every reason so far, including the steps of stopping
     * ({@link DaemonStoppingReason#DAEMON_SIGNALLED},
     * {@link DaemonStoppingReason#DAEMON_CANCELLED}).
     *
     * @return an immutable set, empty while not set
     */
    Set<DaemonStoppingReason> reasons();
}
