package dev.kopf;

import java.time.Duration;

/**
 * How daemons and timers are stopped.
 *
 * <p>The {@code background} group of {@link OperatorSettings}, changed with
 * {@link OperatorSettings.Builder#background}.
 *
 * @param cancellationPolling how often a daemon without a {@code cancellationTimeout}
 *     that is still exiting is reported, when its {@code cancellationPolling} is not set
 * @param instantExitTimeout how long a daemon or timer is given to exit right after its
 *     stop-flag is raised, before the next step of stopping; a daemon that exits later is
 *     noticed at once anyway
 * @since 0.1
 */
public record BackgroundSettings(Duration cancellationPolling, Duration instantExitTimeout) {

    /**
     * Returns a copy with another default polling interval.
     *
     * @param value the interval
     * @return a new group
     */
    public BackgroundSettings withCancellationPolling(Duration value) {
        return new BackgroundSettings(value, instantExitTimeout);
    }

    /**
     * Returns a copy with another instant-exit timeout.
     *
     * @param value the time given to exit at once
     * @return a new group
     */
    public BackgroundSettings withInstantExitTimeout(Duration value) {
        return new BackgroundSettings(cancellationPolling, value);
    }
}
