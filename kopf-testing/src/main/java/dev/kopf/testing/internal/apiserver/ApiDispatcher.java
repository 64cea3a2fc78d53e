package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kopf.testing.RecordedCall;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mock web server's dispatcher: routes every request to discovery, a resource endpoint
 * or a watch, answers failures with Status objects, injects faults, and records the call.
 *
 * <p>Runs on the transport's event-loop threads, so nothing here may block for long.
 */
final class ApiDispatcher extends Dispatcher {
    private static final Logger logger = LoggerFactory.getLogger(ApiDispatcher.class);

    private final ResourceRegistry registry;
    private final ResourceEndpoint resources;
    private final WatchEndpoint watches;
    private final CallLog calls;
    private final Faults faults;
    private final Runnable onRequest;
    private volatile String serverAddress = "127.0.0.1";
    private volatile CallLogEndpoint callLogEndpoint;
    private volatile AccessControl accessControl;

    ApiDispatcher(ResourceRegistry registry, ResourceEndpoint resources, WatchEndpoint watches,
            CallLog calls, Faults faults, Runnable onRequest) {
        this.registry = registry;
        this.resources = resources;
        this.watches = watches;
        this.calls = calls;
        this.faults = faults;
        this.onRequest = onRequest;
    }

    void serverAddress(String address) {
        this.serverAddress = address;
    }

    /** Serves {@code /kopf-embedded/calls} from now on (see {@link CallLogEndpoint}). */
    void serveCallLog() {
        this.callLogEndpoint = new CallLogEndpoint(calls);
    }

    /** Authenticates and authorizes every request from now on (the RBAC mode). */
    void enforce(AccessControl control) {
        this.accessControl = control;
    }

    @Override
    public MockResponse dispatch(RecordedRequest recorded) {
        onRequest.run();
        ApiRequest request = ApiRequest.from(recorded);
        CallLogEndpoint callLog = callLogEndpoint;
        if (callLog != null && CallLogEndpoint.matches(request.path())) {
            return callLog.handle(request.method());
        }
        MockResponse response;
        ApiStatusException fault = faults.take(request.method(), request.path(),
                recorded.getHeader("User-Agent"));
        if (fault != null) {
            response = Responses.status(fault);
        } else {
            response = safely(request, recorded.getHeader("Authorization"));
        }
        AdmissionChain.drainWarnings().forEach(w -> response.addHeader("Warning",
                "299 - \"" + w.replace("\"", "'") + "\""));
        int code = response.getWebSocketListener() != null ? 101 : response.code();
        calls.record(new RecordedCall(request.method(), request.path(), request.query(),
                request.contentType(), code, Instant.now()));
        return response;
    }

    private MockResponse safely(ApiRequest request, String authorization) {
        try {
            AccessControl control = accessControl;
            if (control != null) {
                control.check(authorization, request);
                MockResponse token = control.answerTokenRequest(request);
                if (token != null) {
                    return token;
                }
            }
            return route(request);
        } catch (ApiStatusException e) {
            return Responses.status(e);
        } catch (RuntimeException | LinkageError e) {
            logger.warn("Request {} {} failed unexpectedly.", request.method(), request.path(), e);
            return Responses.status(ApiStatusException.internal(String.valueOf(e)));
        }
    }

    private MockResponse route(ApiRequest request) {
        List<String> segments = request.segments();
        if (segments.isEmpty()) {
            return discovery(request, rootPaths());
        }
        String first = segments.get(0);
        switch (first) {
            case "version":
                return discovery(request, DiscoveryDocuments.version());
            case "healthz", "livez", "readyz":
                return Responses.text(200, "ok");
            case "api":
                return core(request, segments);
            case "apis":
                return groups(request, segments);
            case "openapi":
                return openApi(request, segments);
            default:
                throw ApiStatusException.pathNotFound();
        }
    }

    /** Only the skeleton of {@code /openapi/v3}; {@code /openapi/v2} is 404 (no schemas). */
    private MockResponse openApi(ApiRequest request, List<String> segments) {
        if (segments.size() < 2 || !segments.get(1).equals("v3")) {
            throw ApiStatusException.pathNotFound();
        }
        if (segments.size() == 2) {
            return discovery(request, OpenApiDocuments.index(registry));
        }
        if (segments.size() == 4 && segments.get(2).equals("api")) {
            return discovery(request, OpenApiDocuments.document(registry, "", segments.get(3)));
        }
        if (segments.size() == 5 && segments.get(2).equals("apis")) {
            return discovery(request,
                    OpenApiDocuments.document(registry, segments.get(3), segments.get(4)));
        }
        throw ApiStatusException.pathNotFound();
    }

    private MockResponse core(ApiRequest request, List<String> segments) {
        if (segments.size() == 1) {
            return discovery(request, DiscoveryDocuments.coreVersions(serverAddress));
        }
        if (!segments.get(1).equals("v1")) {
            throw ApiStatusException.pathNotFound();
        }
        if (segments.size() == 2) {
            return discovery(request, DiscoveryDocuments.resourceList(registry, "", "v1"));
        }
        return resource(request, ApiPath.parse("", "v1", segments.subList(2, segments.size())));
    }

    private MockResponse groups(ApiRequest request, List<String> segments) {
        if (segments.size() == 1) {
            return discovery(request, DiscoveryDocuments.groupList(registry));
        }
        String group = segments.get(1);
        if (segments.size() == 2) {
            return discovery(request, DiscoveryDocuments.group(registry, group));
        }
        String version = segments.get(2);
        if (segments.size() == 3) {
            return discovery(request, DiscoveryDocuments.resourceList(registry, group, version));
        }
        return resource(request,
                ApiPath.parse(group, version, segments.subList(3, segments.size())));
    }

    /**
     * Answers a discovery document in its plain form, whatever the Accept header asks: kubectl
     * asks for aggregated discovery first and falls back when the Content-Type is plain JSON.
     */
    private static MockResponse discovery(ApiRequest request, ObjectNode document) {
        if (document == null) {
            throw ApiStatusException.pathNotFound();
        }
        if (!request.method().equals("GET")) {
            throw ApiStatusException.methodNotAllowed();
        }
        return Responses.json(200, JsonNodes.write(document));
    }

    private MockResponse resource(ApiRequest request, ApiPath path) {
        if (path == null) {
            throw ApiStatusException.pathNotFound();
        }
        ResourceType type = registry.find(path.group(), path.version(), path.resource());
        if (type == null
                || (type.isNamespaced() && path.namespace() == null && !path.isCollection())
                || (!type.isNamespaced() && path.namespace() != null)) {
            throw ApiStatusException.pathNotFound();
        }
        if (request.method().equals("GET") && request.flag("watch")
                && path.subresource() == null) {
            return watches.handle(request, path, type);
        }
        return resources.handle(request, path, type);
    }

    private static ObjectNode rootPaths() {
        ObjectNode root = JsonNodes.object();
        root.putArray("paths").add("/api").add("/api/v1").add("/apis").add("/healthz")
                .add("/livez").add("/readyz").add("/version");
        return root;
    }
}
