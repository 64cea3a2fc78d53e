package dev.kopf.internal.admission;

/**
 * A webhook request that cannot be served: a malformed AdmissionReview (400), a resource
 * without handlers (404) or an ambiguous one (409), as Kopf's {@code WebhookError}s. The API
 * server treats such an answer as a webhook failure, so its {@code failurePolicy} decides.
 */
final class WebhookRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    WebhookRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status of the answer. */
    int status() {
        return status;
    }
}
