package dev.kopf.internal.clients;

import dev.kopf.internal.structs.CompactJson;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

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
     * Makes the exception of a failed response: the message of the server's {@code Status}
     * object when the body is one, else the body itself.
     */
    static ApiException fromResponse(int code, byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        String message = text;
        try {
            if (CompactJson.read(text) instanceof Map<?, ?> status
                    && status.get("message") != null) {
                message = status.get("message").toString();
            }
        } catch (IllegalArgumentException e) {
            // Not JSON: the body as it is.
        }
        if (message.isBlank()) {
            message = "HTTP " + code;
        }
        return new ApiException(message, code, null);
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
