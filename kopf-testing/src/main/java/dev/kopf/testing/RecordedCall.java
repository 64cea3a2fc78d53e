package dev.kopf.testing;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * One request served by {@link EmbeddedKubernetes}, as returned by
 * {@link EmbeddedKubernetes#calls()}.
 *
 * <p>Meant for counting what an operator did, e.g. the PATCH requests to {@code /status}:
 * <pre>{@code
 * long statusPatches = server.calls().stream()
 *         .filter(call -> call.method().equals("PATCH") && call.isStatus())
 *         .count();
 * }</pre>
 *
 * @param method the HTTP method in upper case, e.g. {@code PATCH}
 * @param path the path without the query string, e.g.
 *     {@code /apis/kopf.dev/v1/namespaces/default/kopfexamples/ex1/status}
 * @param query the raw query string without the {@code ?}, empty if none
 * @param contentType the request's Content-Type without parameters (for a PATCH, the patch
 *     type, e.g. {@code application/merge-patch+json}), or {@code null} if none was sent
 * @param code the HTTP status code answered; 101 for a watch upgraded to a WebSocket
 * @param timestamp when the request was served
 * @since 0.1.0
 */
public record RecordedCall(String method, String path, String query, String contentType,
        int code, Instant timestamp) {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    /** Checks that the required components are present. */
    public RecordedCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** Whether the request could change something: POST, PUT, PATCH or DELETE. */
    public boolean isWrite() {
        return WRITES.contains(method);
    }

    /** Whether the request went to a {@code /status} subresource. */
    public boolean isStatus() {
        return path.endsWith("/status");
    }

    /** Whether the request was a watch ({@code watch=true} or {@code watch=1}). */
    public boolean isWatch() {
        return Arrays.stream(query.split("&"))
                .anyMatch(pair -> pair.equals("watch=true") || pair.equals("watch=1"));
    }
}
