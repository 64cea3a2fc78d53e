package dev.kopf.internal.clients;

import dev.kopf.internal.metrics.Meters;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;

/**
 * Counts the operator's API requests by Kubernetes verb, resource and HTTP code, and its
 * watch connects: a fabric8 interceptor on a client derived from the one the operator uses
 * (sharing its connections and interceptors). Separate from the meters because only this
 * package may know fabric8's client.
 */
public final class ApiRequestMeter implements Interceptor {

    private static final String NAME = "KOPF_METRICS";

    private final Meters meters;

    private ApiRequestMeter(Meters meters) {
        this.meters = meters;
    }

    /**
     * Returns a client whose requests are counted.
     *
     * @param client the client to derive from; it stays as it is
     * @param meters where requests are counted
     * @return the same client when nothing is counted, else a derived one that must not be
     *     closed (closing the original releases its connections)
     */
    public static KubernetesClient instrument(KubernetesClient client, Meters meters) {
        if (!meters.isEnabled()) {
            return client;
        }
        return DerivedClients.withInterceptor(client, NAME, new ApiRequestMeter(meters));
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        if (isWatch(request.uri())) {
            meters.watchConnect(nameOf(request.uri().getRawPath()));
        }
    }

    @Override
    public void after(HttpRequest request, HttpResponse<?> response,
            AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        URI uri = request.uri();
        meters.apiRequest(verbOf(request.method(), uri), resourceOf(uri.getRawPath()),
                response.code());
    }

    @Override
    public void afterConnectionFailure(HttpRequest request, Throwable failure) {
        URI uri = request.uri();
        meters.apiRequest(verbOf(request.method(), uri), resourceOf(uri.getRawPath()), 0);
    }

    private static boolean isWatch(URI uri) {
        String query = uri.getRawQuery();
        return query != null && (query.contains("watch=true") || query.contains("watch=1"));
    }

    /**
     * Names a request's verb as Kubernetes' authorization does.
     *
     * @param method the HTTP method
     * @param uri the request's URI
     * @return e.g. {@code list}, {@code watch}, {@code patch}
     */
    static String verbOf(String method, URI uri) {
        String[] parts = objectPath(uri.getRawPath());
        boolean named = parts.length >= 2;
        switch (method.toUpperCase(Locale.ROOT)) {
            case "GET":
                return isWatch(uri) ? "watch" : named ? "get" : "list";
            case "POST":
                return "create";
            case "PUT":
                return "update";
            case "PATCH":
                return "patch";
            case "DELETE":
                return named ? "delete" : "deletecollection";
            default:
                return method.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Names a request's resource as Kubernetes' authorization does.
     *
     * @param path the request's path
     * @return e.g. {@code pods}, {@code kopfexamples/status}; empty for discovery
     */
    static String resourceOf(String path) {
        String[] parts = objectPath(path);
        if (parts.length == 0) {
            return "";
        }
        return parts.length >= 3 ? parts[0] + "/" + parts[2] : parts[0];
    }

    /**
     * Names a watch request's resource as the other meters do: {@code plural.version.group}.
     *
     * @param path the request's path
     * @return e.g. {@code kopfexamples.v1.kopf.dev} or {@code pods.v1}
     */
    static String nameOf(String path) {
        String[] all = path.replaceAll("^/+", "").split("/");
        String[] parts = objectPath(path);
        if (parts.length == 0) {
            return "";
        }
        boolean core = all[0].equals("api");
        return parts[0] + "." + (core ? all[1] : all[2] + "." + all[1]);
    }

    // The segments after the API group and version, and after namespaces/NS: plural,
    // name, subresource.
    private static String[] objectPath(String path) {
        String[] all = path.replaceAll("^/+", "").split("/");
        int start;
        if (all.length >= 2 && all[0].equals("api")) {
            start = 2;
        } else if (all.length >= 3 && all[0].equals("apis")) {
            start = 3;
        } else {
            return new String[0];
        }
        boolean namespaceItself = all.length == start + 3
                && (all[start + 2].equals("status") || all[start + 2].equals("finalize"));
        if (all.length > start + 2 && all[start].equals("namespaces") && !namespaceItself) {
            start += 2;
        }
        String[] rest = new String[Math.max(0, all.length - start)];
        System.arraycopy(all, start, rest, 0, rest.length);
        return rest;
    }
}
