package dev.kopf.internal.admission;

import dev.kopf.Operation;
import dev.kopf.UserInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One AdmissionReview request ({@code admission.k8s.io/v1} or {@code v1beta1}), checked and
 * read into typed values. Made by {@link AdmissionProcessor} from the request's JSON.
 *
 * @param apiVersion the review's apiVersion, echoed in the answer
 * @param kind the review's kind, echoed in the answer
 * @param uid the request's uid, echoed in the answer
 * @param group the resource's group ({@code ""} for the core group)
 * @param version the resource's version
 * @param plural the resource's plural
 * @param kindOfObject the object's kind, or {@code null}
 * @param subresource the subresource, or {@code null}
 * @param operation the operation
 * @param userInfo who makes the request
 * @param object the new object, or {@code null} (deletions)
 * @param oldObject the old object, or {@code null} (creations)
 * @param dryRun whether it is a dry run
 */
record AdmissionRequest(String apiVersion, String kind, String uid, String group,
        String version, String plural, String kindOfObject, String subresource,
        Operation operation, UserInfo userInfo, Map<String, Object> object,
        Map<String, Object> oldObject, boolean dryRun) {

    static final List<String> VERSIONS = List.of("admission.k8s.io/v1",
            "admission.k8s.io/v1beta1");

    /** The admitted body: the new object, or the old one when there is no new one. */
    Map<String, Object> body() {
        return object != null ? object : oldObject;
    }

    @SuppressWarnings("unchecked")
    static AdmissionRequest parse(Object json) {
        if (!(json instanceof Map<?, ?> review)) {
            throw bad("The body is not an AdmissionReview object.");
        }
        String apiVersion = text(review.get("apiVersion"), "apiVersion");
        if (apiVersion != null && !VERSIONS.contains(apiVersion)) {
            throw bad("Unsupported AdmissionReview apiVersion '" + apiVersion + "'. Supported: "
                    + String.join(", ", VERSIONS) + ".");
        }
        Object kind = review.get("kind");
        if (kind != null && !"AdmissionReview".equals(kind)) {
            throw bad("The body's kind is '" + kind + "', not 'AdmissionReview'.");
        }
        if (!(review.get("request") instanceof Map<?, ?> request)) {
            throw bad("The AdmissionReview has no request.");
        }
        if (!(request.get("resource") instanceof Map<?, ?> resource)) {
            throw bad("The AdmissionReview request has no resource.");
        }
        String operationName = text(request.get("operation"), "request.operation");
        Operation operation;
        try {
            operation = Operation.valueOf(String.valueOf(operationName).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw bad("Unknown operation '" + operationName + "'. Known: CREATE, UPDATE,"
                    + " DELETE, CONNECT.");
        }
        if (!(request.get("userInfo") instanceof Map<?, ?> user)) {
            throw bad("User info is missing from the admission request.");
        }
        Map<String, Object> object = withNamespace(map(request.get("object"), "request.object"),
                text(request.get("namespace"), "request.namespace"));
        Map<String, Object> oldObject = map(request.get("oldObject"), "request.oldObject");
        if (object == null && oldObject == null) {
            throw bad("Either old or new object is missing from the admission request.");
        }
        Object requestKind = request.get("kind");
        return new AdmissionRequest(apiVersion == null ? VERSIONS.get(0) : apiVersion,
                kind == null ? "AdmissionReview" : (String) kind,
                String.valueOf(request.get("uid") == null ? "" : request.get("uid")),
                required(resource.get("group"), "request.resource.group", ""),
                required(resource.get("version"), "request.resource.version", null),
                required(resource.get("resource"), "request.resource.resource", null),
                requestKind instanceof Map<?, ?> k ? text(k.get("kind"), "request.kind.kind")
                        : null,
                text(request.get("subResource"), "request.subResource"), operation,
                userInfo((Map<String, Object>) user), object, oldObject,
                Boolean.TRUE.equals(request.get("dryRun")));
    }

    /**
     * The new object with the request's namespace in its metadata: a client may leave it
     * out of the body, and the API server sets it only after the mutating webhooks (in
     * {@code rest.BeforeCreate}), while the request carries it from the URL.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withNamespace(Map<String, Object> object,
            String namespace) {
        if (object == null || namespace == null || namespace.isEmpty()
                || !(object.get("metadata") instanceof Map<?, ?> metadata)
                || metadata.get("namespace") != null) {
            return object;
        }
        Map<String, Object> copy = new java.util.LinkedHashMap<>(object);
        Map<String, Object> meta = new java.util.LinkedHashMap<>((Map<String, Object>) metadata);
        meta.put("namespace", namespace);
        copy.put("metadata", meta);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static UserInfo userInfo(Map<String, Object> user) {
        Object groups = user.get("groups");
        Object extra = user.get("extra");
        return new UserInfo(text(user.get("username"), "request.userInfo.username"),
                text(user.get("uid"), "request.userInfo.uid"),
                groups instanceof List<?> list ? (List<String>) list : null,
                extra instanceof Map<?, ?> m ? (Map<String, List<String>>) m : null);
    }

    private static String required(Object value, String name, String fallback) {
        String text = text(value, name);
        if (text == null && fallback == null) {
            throw bad("The admission request has no " + name + ".");
        }
        return text == null ? fallback : text;
    }

    private static String text(Object value, String name) {
        if (value != null && !(value instanceof String)) {
            throw bad("The admission request's " + name + " is not a string: " + value + ".");
        }
        return (String) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String name) {
        if (value != null && !(value instanceof Map<?, ?>)) {
            throw bad("The admission request's " + name + " is not an object.");
        }
        return (Map<String, Object>) value;
    }

    private static WebhookRequestException bad(String message) {
        return new WebhookRequestException(400, message);
    }
}
