package dev.kopf.internal.clients;

import dev.kopf.Resource;
import dev.kopf.internal.structs.CompactJson;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Applies merge patches (RFC 7386) to objects, on the main resource or a subresource, and
 * reads objects back.
 */
public final class Patcher {

    private static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String JSON_PATCH = "application/json-patch+json";

    private static final int DEFAULT_IN_FLIGHT = 64;

    private final KubernetesClient client;
    /**
     * Bounds the patches in flight to the client's {@code maxConcurrentRequests}: with a
     * virtual thread per object, a burst of thousands of objects would otherwise hold
     * thousands of requests and their buffers at once (docs/performance.md).
     */
    private final Semaphore inFlight;

    /**
     * Creates a patcher.
     *
     * @param client the client
     */
    public Patcher(KubernetesClient client) {
        this.client = client;
        int limit = client.getConfiguration().getMaxConcurrentRequests();
        this.inFlight = new Semaphore(limit > 0 ? limit : DEFAULT_IN_FLIGHT);
    }

    /**
     * Applies a merge patch.
     *
     * @param resource the resource
     * @param namespace the namespace, or {@code null} for cluster-scoped objects
     * @param name the object's name
     * @param subresource {@code null} for the main resource, or e.g. {@code status}
     * @param patch the merge patch
     * @return the patched object, or empty when the object is gone (404)
     * @throws ApiException when the server rejects the patch (409 on a stale
     *     resourceVersion, 422 when invalid, …)
     */
    public Optional<Map<String, Object>> mergePatch(Resource resource, String namespace,
            String name, String subresource, Map<String, Object> patch) {
        return patch(resource, namespace, name, subresource, MERGE_PATCH, patch);
    }

    /**
     * Applies a JSON patch (RFC 6902).
     *
     * @param resource the resource
     * @param namespace the namespace, or {@code null} for cluster-scoped objects
     * @param name the object's name
     * @param subresource {@code null} for the main resource, or e.g. {@code status}
     * @param operations the operations
     * @return the patched object, or empty when the object is gone (404)
     * @throws ApiException when the server rejects the patch (422 when a {@code test}
     *     operation fails, …)
     */
    public Optional<Map<String, Object>> jsonPatch(Resource resource, String namespace,
            String name, String subresource, List<Map<String, Object>> operations) {
        return patch(resource, namespace, name, subresource, JSON_PATCH, operations);
    }

    private Optional<Map<String, Object>> patch(Resource resource, String namespace,
            String name, String subresource, String contentType, Object patch) {
        String json;
        try {
            json = CompactJson.write(patch);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException("The patch is not serializable to JSON: " + patch,
                    e);
        }
        // One request through the client's own HTTP stack (its credentials, interceptors and
        // retries; a string body, since a stream body costs a blocking Vert.x worker thread
        // per request), parsed straight into a map: fabric8's patch() reads the object first (a
        // GET per patch) and builds a typed object that would be converted to a map again.
        HttpClient http = client.getHttpClient();
        HttpRequest.Builder request = http.newHttpRequestBuilder()
                .uri(Resources.url(client, resource, namespace, name, subresource))
                .method("PATCH", contentType, json);
        int timeout = client.getConfiguration().getRequestTimeout();
        if (timeout > 0) {
            request.timeout(timeout, TimeUnit.MILLISECONDS);
        }
        HttpResponse<byte[]> response = send(http, request.build());
        if (response.code() == 404) {
            return Optional.empty();
        }
        if (!response.isSuccessful()) {
            throw ApiException.fromResponse(response.code(), response.body());
        }
        try {
            return Optional.of(CompactJson.readMap(response.body()));
        } catch (IllegalArgumentException e) {
            throw new ApiException("The patched object is not valid JSON: " + e.getMessage(),
                    response.code(), e);
        }
    }

    private HttpResponse<byte[]> send(HttpClient http, HttpRequest request) {
        try {
            inFlight.acquire();
            try {
                return http.sendAsync(request, byte[].class).get();
            } finally {
                inFlight.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("Interrupted while patching.", 0, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof KubernetesClientException failure) {
                throw ApiException.from(failure);
            }
            throw new ApiException(String.valueOf(cause.getMessage()), 0, cause);
        }
    }

    /**
     * Reads an object.
     *
     * @param resource the resource
     * @param namespace the namespace, or {@code null}
     * @param name the name
     * @return the object, or empty when absent
     */
    public Optional<Map<String, Object>> get(Resource resource, String namespace, String name) {
        try {
            GenericKubernetesResource found =
                    Resources.operation(client, resource, namespace).withName(name).get();
            return Optional.ofNullable(found).map(r -> Resources.toMap(client, r));
        } catch (KubernetesClientException e) {
            throw ApiException.from(e);
        }
    }
}
