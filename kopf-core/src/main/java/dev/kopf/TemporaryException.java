package dev.kopf;

import java.time.Duration;
import java.util.Objects;

/**
 * Thrown by a handler to be retried after a delay: the error is expected to go away.
 *
 * <pre>{@code
 * throw new TemporaryException("Database not ready.", Duration.ofSeconds(10));
 * }</pre>
 *
 * @since 0.1
 */
public class TemporaryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The delay used when none is given, as in Kopf. */
    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(60);

    private final Duration delay;

    /**
     * Creates the exception with the default delay of 60 seconds.
     *
     * @param message what went wrong
     */
    public TemporaryException(String message) {
        this(message, DEFAULT_DELAY);
    }

    /**
     * Creates the exception with a delay.
     *
     * @param message what went wrong
     * @param delay how long to wait before the retry; zero retries at once
     */
    public TemporaryException(String message, Duration delay) {
        super(message);
        this.delay = Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must be >= 0: " + delay);
        }
    }

    /**
     * Returns how long to wait before the handler is retried.
     *
     * @return the delay
     */
    public Duration delay() {
        return delay;
    }
}
