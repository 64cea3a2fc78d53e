package dev.kopf;

/**
 * How a handler's unexpected exceptions (neither {@link TemporaryException} nor
 * {@link PermanentException}) are treated.
 *
 * @since 0.1
 */
public enum ErrorsMode {
    /** Retry after the handler's {@code backoff}, like a {@link TemporaryException}. */
    TEMPORARY,
    /** Fail the handler for this cycle, like a {@link PermanentException}. */
    PERMANENT,
    /** Log the failure and treat the handler as done. */
    IGNORED
}
