package dev.kopf.testing.internal.apiserver;

import java.util.List;

/**
 * What the authorizer decides on, as Kubernetes' {@code RequestInfo} derives it from the
 * path and method: the verb, and for resource requests the group, resource (with its
 * subresource), namespace and name; for the others the path.
 *
 * @param resourceRequest whether the path names a resource
 * @param verb {@code get}, {@code list}, {@code watch}, {@code create}, {@code update},
 *     {@code patch}, {@code delete}, {@code deletecollection}; the lower-cased HTTP method
 *     for non-resource requests
 * @param apiGroup the API group, empty for the core group
 * @param resource the plural resource
 * @param subresource the subresource, or {@code null}
 * @param namespace the namespace, or {@code null} at the cluster scope
 * @param name the object's name, or {@code null}
 * @param path the request path
 */
record RequestAttributes(boolean resourceRequest, String verb, String apiGroup,
        String resource, String subresource, String namespace, String name, String path) {

    /** The resource as RBAC rules name it: {@code pods} or {@code pods/status}. */
    String combinedResource() {
        return subresource == null ? resource : resource + "/" + subresource;
    }

    /**
     * Derives the attributes of a request.
     *
     * @param request the request
     * @return the attributes
     */
    static RequestAttributes of(ApiRequest request) {
        List<String> segments = request.segments();
        ApiPath path = null;
        if (segments.size() > 2 && segments.get(0).equals("api")) {
            path = ApiPath.parse("", segments.get(1), segments.subList(2, segments.size()));
        } else if (segments.size() > 3 && segments.get(0).equals("apis")) {
            path = ApiPath.parse(segments.get(1), segments.get(2),
                    segments.subList(3, segments.size()));
        }
        if (path == null) {
            return new RequestAttributes(false, request.method().toLowerCase(java.util.Locale.ROOT),
                    null, null, null, null, null, request.path());
        }
        // "/api/v1/namespaces/x" is the namespace x itself, in its own namespace.
        String namespace = path.namespace() == null && path.resource().equals("namespaces")
                ? path.name() : path.namespace();
        return new RequestAttributes(true, verb(request, path), path.group(), path.resource(),
                path.subresource(), namespace, path.name(), request.path());
    }

    private static String verb(ApiRequest request, ApiPath path) {
        boolean watch = "true".equals(request.parameters().get("watch"))
                || "1".equals(request.parameters().get("watch"));
        return switch (request.method()) {
            case "GET", "HEAD" -> watch ? "watch" : path.isCollection() ? "list" : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> path.isCollection() ? "deletecollection" : "delete";
            default -> request.method().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
