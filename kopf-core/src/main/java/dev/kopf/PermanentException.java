package dev.kopf;

/**
 * Thrown by a handler that must not be retried until the object changes again.
 *
 * <p>The handler is marked as failed in its progress record. It runs again only in the next
 * handling cycle, i.e. after the next essential change of the object.
 *
 * @since 0.1
 */
public class PermanentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     */
    public PermanentException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what went wrong
     * @param cause the underlying error
     */
    public PermanentException(String message, Throwable cause) {
        super(message, cause);
    }
}
