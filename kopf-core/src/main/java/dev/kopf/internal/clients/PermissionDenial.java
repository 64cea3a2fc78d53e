package dev.kopf.internal.clients;

import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Recognises a request refused by RBAC (HTTP 403), so that the runtime logs the one line
 * that matters, the API server's own sentence naming the user, verb, resource and
 * namespace, instead of a stack trace. Kept here because only this package knows fabric8's
 * exceptions.
 */
public final class PermissionDenial {

    private PermissionDenial() {
    }

    /**
     * Returns the API server's message when an error, or one of its causes, is a 403.
     *
     * @param error any error
     * @return e.g. {@code kopfexamples.kopf.dev "x" is forbidden: User "…" cannot patch
     *     resource "kopfexamples/status" in API group "kopf.dev" in the namespace "ns"}, or
     *     {@code null} when the error is no 403
     */
    public static String describe(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException api && api.code() == 403) {
                return api.getMessage();
            }
            if (cause instanceof KubernetesClientException client && client.getCode() == 403) {
                return client.getStatus() != null && client.getStatus().getMessage() != null
                        ? client.getStatus().getMessage() : client.getMessage();
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
