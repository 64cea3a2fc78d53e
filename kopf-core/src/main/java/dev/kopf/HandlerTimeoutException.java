package dev.kopf;

/**
 * Raised by the framework when a handler's {@code timeout} has passed since its first attempt.
 *
 * @since 0.1
 */
public class HandlerTimeoutException extends PermanentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     */
    public HandlerTimeoutException(String message) {
        super(message);
    }
}
