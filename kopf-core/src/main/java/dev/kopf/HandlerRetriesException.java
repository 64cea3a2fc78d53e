package dev.kopf;

/**
 * Raised by the framework when a handler has used up its {@code retries}.
 *
 * @since 0.1
 */
public class HandlerRetriesException extends PermanentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     */
    public HandlerRetriesException(String message) {
        super(message);
    }
}
