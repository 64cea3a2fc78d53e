package dev.kopf;

/**
 * Thrown by an {@link OnValidate} or {@link OnMutate} handler to reject the admitted request
 * with a message and an HTTP status code, as Kopf's {@code AdmissionError}.
 *
 * <p>Like a {@link PermanentException}, it is never retried. When several handlers fail in one
 * request, an {@code AdmissionException} is reported in preference to other exceptions.
 *
 * @since 0.1
 */
public class AdmissionException extends PermanentException {

    private static final long serialVersionUID = 1L;

    /** The code used when none is given, as in Kopf. */
    public static final int DEFAULT_CODE = 500;

    private final int code;

    /**
     * Creates the exception with the default code 500.
     *
     * @param message why the request is rejected; shown to the API client
     */
    public AdmissionException(String message) {
        this(message, DEFAULT_CODE);
    }

    /**
     * Creates the exception.
     *
     * @param message why the request is rejected; shown to the API client
     * @param code the HTTP status code the API server answers with, e.g. {@code 400}
     */
    public AdmissionException(String message, int code) {
        super(message);
        this.code = code;
    }

    /**
     * Returns the HTTP status code of the rejection.
     *
     * @return the code, e.g. {@code 555}
     */
    public int code() {
        return code;
    }
}
