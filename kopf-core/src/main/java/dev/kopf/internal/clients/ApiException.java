package dev.kopf.internal.clients;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * An API error with its HTTP code, so that callers need not know fabric8's exceptions.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;

    /**
     * Creates the exception.
     *
     * @param message the server's message
     * @param code the HTTP code; 0 for network errors
     * @param cause the underlying error
     */
    public ApiException(String message, int code, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    static ApiException from(KubernetesClientException e) {
        String message = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage() : e.getMessage();
        return new ApiException(message, e.getCode(), e);
    }

    /**
     * Returns the HTTP status code.
     *
     * @return e.g. 409; 0 when no response was received
     */
    public int code() {
        return code;
    }

    /**
     * Tells whether a retry may succeed: server errors, throttling and network errors.
     *
     * @return {@code true} for 5xx, 429 and no response
     */
    public boolean isTransient() {
        return code == 0 || code == 429 || code >= 500;
    }
}
