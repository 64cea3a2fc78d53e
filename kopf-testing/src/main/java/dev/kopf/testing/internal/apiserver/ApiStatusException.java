package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A request failure that the API server answers with a Kubernetes {@code Status} object.
 *
 * <p>Thrown anywhere in request handling and turned into the HTTP response by the dispatcher.
 * The factories reproduce the messages, reasons and details of the real API server, because
 * clients branch on them (fabric8 on the code, Kopf on the reason).
 */
final class ApiStatusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String reason;
    private final transient Details details;

    /** One entry of {@code details.causes}. */
    record Cause(String reason, String message, String field) {
    }

    /** The {@code details} of a Status; any part may be null or empty. */
    record Details(String name, String group, String kind, List<Cause> causes) {
        static final Details NONE = new Details(null, null, null, List.of());

        Details {
            causes = List.copyOf(causes);
        }
    }

    private int retryAfterSeconds;

    ApiStatusException(int code, String reason, String message, Details details) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.details = details;
    }

    int code() {
        return code;
    }

    String reason() {
        return reason;
    }

    /** Seconds the client is told to wait ({@code Retry-After}); 0 for none. */
    int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Tells the client to retry after so many seconds, as a throttling server does. */
    ApiStatusException retryAfter(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** The Status object sent to the client. */
    ObjectNode toStatus() {
        ObjectNode status = JsonNodes.object();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", getMessage());
        if (reason != null) {
            status.put("reason", reason);
        }
        ObjectNode detailsNode = status.putObject("details");
        putIfPresent(detailsNode, "name", details.name());
        putIfPresent(detailsNode, "group", details.group());
        putIfPresent(detailsNode, "kind", details.kind());
        if (retryAfterSeconds > 0) {
            detailsNode.put("retryAfterSeconds", retryAfterSeconds);
        }
        if (!details.causes().isEmpty()) {
            ArrayNode causes = detailsNode.putArray("causes");
            for (Cause cause : details.causes()) {
                ObjectNode causeNode = causes.addObject();
                putIfPresent(causeNode, "reason", cause.reason());
                putIfPresent(causeNode, "message", cause.message());
                putIfPresent(causeNode, "field", cause.field());
            }
        }
        status.put("code", code);
        return status;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }

    static ApiStatusException notFound(GroupResource resource, String name) {
        return new ApiStatusException(404, "NotFound",
                String.format("%s \"%s\" not found", resource.qualified(), name),
                resource.details(name));
    }

    /** The answer to a path that names no known resource or endpoint. */
    static ApiStatusException pathNotFound() {
        return new ApiStatusException(404, "NotFound",
                "the server could not find the requested resource", Details.NONE);
    }

    static ApiStatusException alreadyExists(GroupResource resource, String name) {
        return new ApiStatusException(409, "AlreadyExists",
                String.format("%s \"%s\" already exists", resource.qualified(), name),
                resource.details(name));
    }

    static ApiStatusException conflict(GroupResource resource, String name, String why) {
        return new ApiStatusException(409, "Conflict",
                String.format("Operation cannot be fulfilled on %s \"%s\": %s",
                        resource.qualified(), name, why),
                resource.details(name));
    }

    /** The stale-resourceVersion conflict, with the real server's wording. */
    static ApiStatusException modified(GroupResource resource, String name) {
        return conflict(resource, name, "the object has been modified; please apply your"
                + " changes to the latest version and try again");
    }

    static ApiStatusException forbidden(GroupResource resource, String name, String why) {
        return new ApiStatusException(403, "Forbidden",
                String.format("%s \"%s\" is forbidden: %s", resource.qualified(), name, why),
                resource.details(name));
    }

    /** A validation failure (422 Invalid) listing field-level causes. */
    static ApiStatusException invalid(GroupKind kind, String name, List<Cause> causes) {
        String summary = causes.stream()
                .map(cause -> cause.field() + ": " + cause.message())
                .collect(Collectors.joining(", "));
        if (causes.size() > 1) {
            summary = "[" + summary + "]";
        }
        return new ApiStatusException(422, "Invalid",
                String.format("%s \"%s\" is invalid: %s", kind.qualified(), name, summary),
                new Details(name, kind.group(), kind.kind(), causes));
    }

    static ApiStatusException invalid(GroupKind kind, String name, Cause cause) {
        return invalid(kind, name, List.of(cause));
    }

    /** A patch that cannot be applied, worded as the real server words it. */
    static ApiStatusException unprocessablePatch(String why) {
        return new ApiStatusException(422, "Invalid",
                "the server rejected our request due to an error in our request",
                new Details(null, null, null, List.of(new Cause(null, why, null))));
    }

    static ApiStatusException badRequest(String message) {
        return new ApiStatusException(400, "BadRequest", message, Details.NONE);
    }

    static ApiStatusException methodNotAllowed() {
        return new ApiStatusException(405, "MethodNotAllowed",
                "the server does not allow this method on the requested resource",
                Details.NONE);
    }

    static ApiStatusException unsupportedMediaType(String message) {
        return new ApiStatusException(415, "UnsupportedMediaType", message, Details.NONE);
    }

    static ApiStatusException expired(String message) {
        return new ApiStatusException(410, "Expired", message, Details.NONE);
    }

    static ApiStatusException internal(String message) {
        return new ApiStatusException(500, "InternalError",
                "Internal error occurred: " + message,
                new Details(null, null, null, List.of(new Cause("", message, null))));
    }

    /** A request body over the server's limit, as kube-apiserver words it. */
    static ApiStatusException requestTooLarge(long limit) {
        return new ApiStatusException(413, "RequestEntityTooLarge",
                "Request entity too large: limit is " + limit, Details.NONE);
    }

    /**
     * An object too large for etcd: kube-apiserver passes etcd's own error through as a 500
     * without a reason (kubernetes/kubernetes#112152).
     */
    static ApiStatusException storageTooLarge() {
        return new ApiStatusException(500, null, "etcdserver: request is too large",
                Details.NONE);
    }

    /** An injected fault: the given code with the reason the real server uses for it. */
    static ApiStatusException injected(int code, String message) {
        return new ApiStatusException(code, reasonFor(code), message, Details.NONE);
    }

    private static String reasonFor(int code) {
        return switch (code) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 406 -> "NotAcceptable";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "RequestEntityTooLarge";
            case 415 -> "UnsupportedMediaType";
            case 422 -> "Invalid";
            case 429 -> "TooManyRequests";
            case 500 -> "InternalError";
            case 503 -> "ServiceUnavailable";
            case 504 -> "Timeout";
            default -> "Unknown";
        };
    }
}
