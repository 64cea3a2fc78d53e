package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.List;

/**
 * The RBAC mode's gate before every request, in Kubernetes' order: authentication (a
 * ServiceAccount's bearer token; 401 for an unknown one), then authorization against the
 * stored RBAC objects (403 with Kubernetes' message). A request without credentials is the
 * cluster admin's, so the server's own client stays all-powerful.
 *
 * <p>Seeds the default policy every cluster has for authenticated users:
 * {@code system:discovery} and {@code system:public-info-viewer}.
 */
final class AccessControl {

    private static final GroupResource SERVICE_ACCOUNTS =
            new GroupResource("", "serviceaccounts");

    private final ObjectStore store;
    private final ServiceAccountTokens tokens = new ServiceAccountTokens();
    private final RbacAuthorizer authorizer;

    AccessControl(ObjectStore store, ResourceRegistry registry) {
        this.store = store;
        this.authorizer = new RbacAuthorizer(store);
        seedDefaultPolicy(registry);
    }

    /**
     * Issues a bearer token for an existing ServiceAccount, as a TokenRequest does.
     *
     * @param namespace the ServiceAccount's namespace
     * @param serviceAccount its name
     * @return the token
     * @throws IllegalArgumentException when the ServiceAccount does not exist
     */
    String issueToken(String namespace, String serviceAccount) {
        if (store.get(SERVICE_ACCOUNTS, namespace, serviceAccount) == null) {
            throw new IllegalArgumentException("ServiceAccount " + namespace + "/"
                    + serviceAccount + " does not exist. Create it before asking for a token.");
        }
        return tokens.issue(namespace, serviceAccount);
    }

    /**
     * Authenticates and authorizes a request.
     *
     * @param authorization the {@code Authorization} header, or {@code null}
     * @param request the request
     * @throws ApiStatusException 401 for unknown credentials, 403 when not allowed
     */
    void check(String authorization, ApiRequest request) {
        if (authorization == null || authorization.isBlank()) {
            return;
        }
        ServiceAccountTokens.UserInfo user = tokens.authenticate(authorization);
        if (user == null) {
            throw new ApiStatusException(401, "Unauthorized", "Unauthorized",
                    ApiStatusException.Details.NONE);
        }
        RequestAttributes attributes = RequestAttributes.of(request);
        if (!authorizer.allows(user, attributes)) {
            throw forbidden(user, attributes);
        }
    }

    /**
     * Answers a TokenRequest ({@code POST .../serviceaccounts/NAME/token}) with a token for
     * the ServiceAccount, as {@code kubectl create token} asks for one.
     *
     * @param request any request, already authorized
     * @return the TokenRequest with its status, or {@code null} for other requests
     */
    MockResponse answerTokenRequest(ApiRequest request) {
        RequestAttributes attributes = RequestAttributes.of(request);
        if (!attributes.resourceRequest() || !attributes.verb().equals("create")
                || !attributes.apiGroup().isEmpty()
                || !"serviceaccounts".equals(attributes.resource())
                || !"token".equals(attributes.subresource())) {
            return null;
        }
        if (store.get(SERVICE_ACCOUNTS, attributes.namespace(), attributes.name()) == null) {
            throw ApiStatusException.notFound(SERVICE_ACCOUNTS, attributes.name());
        }
        ObjectNode review = request.body().length == 0 ? JsonNodes.object()
                : JsonNodes.parseObject(request.body());
        review.put("apiVersion", "authentication.k8s.io/v1");
        review.put("kind", "TokenRequest");
        JsonNodes.metadata(review).put("name", attributes.name())
                .put("namespace", attributes.namespace());
        long seconds = review.path("spec").path("expirationSeconds").asLong(3600);
        ObjectNode status = review.putObject("status");
        status.put("token", tokens.issue(attributes.namespace(), attributes.name()));
        // The token itself never expires here; the timestamp is what a client expects.
        status.put("expirationTimestamp", java.time.Instant.now().plusSeconds(seconds)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        return Responses.json(201, JsonNodes.write(review));
    }

    /** Kubernetes' 403, word for word. */
    static ApiStatusException forbidden(ServiceAccountTokens.UserInfo user,
            RequestAttributes request) {
        if (!request.resourceRequest()) {
            return new ApiStatusException(403, "Forbidden", String.format(
                    "forbidden: User \"%s\" cannot %s path \"%s\"", user.name(),
                    request.verb(), request.path()), ApiStatusException.Details.NONE);
        }
        GroupResource resource = new GroupResource(request.apiGroup(), request.resource());
        String subject = request.name() == null ? resource.qualified()
                : String.format("%s \"%s\"", resource.qualified(), request.name());
        String scope = request.namespace() == null ? "at the cluster scope"
                : String.format("in the namespace \"%s\"", request.namespace());
        return new ApiStatusException(403, "Forbidden", String.format(
                "%s is forbidden: User \"%s\" cannot %s resource \"%s\" in API group \"%s\" %s",
                subject, user.name(), request.verb(), request.combinedResource(),
                request.apiGroup(), scope), resource.details(request.name()));
    }

    private void seedDefaultPolicy(ResourceRegistry registry) {
        seed(registry, "system:discovery", List.of("/api", "/api/*", "/apis", "/apis/*",
                "/healthz", "/livez", "/readyz", "/version", "/version/", "/openapi",
                "/openapi/*"), List.of("system:authenticated"));
        seed(registry, "system:public-info-viewer", List.of("/healthz", "/livez", "/readyz",
                "/version", "/version/"),
                List.of("system:authenticated", "system:unauthenticated"));
    }

    private void seed(ResourceRegistry registry, String name, List<String> urls,
            List<String> groups) {
        ResourceType roles = registry.find(RbacAuthorizer.GROUP, "v1", "clusterroles");
        ResourceType bindings = registry.find(RbacAuthorizer.GROUP, "v1", "clusterrolebindings");
        if (store.get(RbacAuthorizer.CLUSTER_ROLES, null, name) == null) {
            ObjectNode role = object("ClusterRole", name);
            ObjectNode rule = role.putArray("rules").addObject();
            rule.putArray("verbs").add("get");
            ArrayNode paths = rule.putArray("nonResourceURLs");
            urls.forEach(paths::add);
            store.create(roles, WriteRules.prepareCreate(roles, null, role));
        }
        if (store.get(RbacAuthorizer.CLUSTER_ROLE_BINDINGS, null, name) == null) {
            ObjectNode binding = object("ClusterRoleBinding", name);
            ObjectNode ref = binding.putObject("roleRef");
            ref.put("apiGroup", RbacAuthorizer.GROUP).put("kind", "ClusterRole")
                    .put("name", name);
            ArrayNode subjects = binding.putArray("subjects");
            groups.forEach(group -> subjects.addObject().put("apiGroup", RbacAuthorizer.GROUP)
                    .put("kind", "Group").put("name", group));
            store.create(bindings, WriteRules.prepareCreate(bindings, null, binding));
        }
    }

    private static ObjectNode object(String kind, String name) {
        ObjectNode node = JsonNodes.object();
        node.put("apiVersion", RbacAuthorizer.GROUP + "/v1");
        node.put("kind", kind);
        JsonNodes.metadata(node).put("name", name);
        return node;
    }
}
