package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kopf.testing.internal.apiserver.ApiStatusException.Cause;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The size and syntax limits a real cluster puts on what it stores, each checked where
 * kube-apiserver checks it: the request body before decoding (413), the object's metadata
 * during validation (422), the serialized object when etcd stores it (500). Called by
 * {@link ResourceEndpoint} and {@link WriteRules}; kept apart because these numbers come from
 * three different components, none of them the REST logic.
 *
 * <p>Sources: kube-apiserver's {@code MaxRequestBodyBytes} is 3 MiB, twice etcd's limit
 * because JSON shrinks when stored as protobuf (kubernetes/kubernetes#73805, #105863:
 * "Request entity too large: limit is 3145728"); etcd's {@code --max-request-bytes} defaults
 * to 1.5 MiB (etcd.io/docs/v3.5/dev-guide/limit), and the apiserver answers etcd's refusal
 * with a 500 "etcdserver: request is too large" (kubernetes/kubernetes#74600, #112152);
 * {@code TotalAnnotationSizeLimitB} is 256 KiB and labels follow
 * {@code IsQualifiedName}/{@code IsValidLabelValue} (apimachinery's
 * {@code pkg/api/validation/objectmeta.go} and {@code pkg/util/validation/validation.go}).
 */
final class SizeLimits {
    /** kube-apiserver's limit on a write request's body. */
    static final int MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;
    /** etcd's default {@code --max-request-bytes}. */
    static final int MAX_STORED_BYTES = 1_572_864;
    /** The total of every annotation's key and value, in bytes. */
    static final int MAX_ANNOTATIONS_BYTES = 256 * 1024;

    private static final int MAX_NAME_PART = 63;
    private static final int MAX_PREFIX = 253;
    private static final String NAME_REGEX = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final Pattern NAME = Pattern.compile(NAME_REGEX);
    private static final String VALUE_REGEX = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
    private static final Pattern VALUE = Pattern.compile(VALUE_REGEX);
    private static final String SUBDOMAIN_REGEX =
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_REGEX);

    private SizeLimits() {
    }

    /** Refuses a write whose body is over the apiserver's limit, before decoding it. */
    static void checkRequestBody(ApiRequest request) {
        if (!request.method().equals("GET") && request.body().length > MAX_REQUEST_BODY_BYTES) {
            throw ApiStatusException.requestTooLarge(MAX_REQUEST_BODY_BYTES);
        }
    }

    /** Refuses to store an object whose serialized form etcd would refuse. */
    static void checkStoredSize(JsonNode object) {
        // Custom resources are stored as JSON; built-in kinds as protobuf, which is smaller,
        // so for those this is stricter than a real cluster.
        if (JsonNodes.write(object).getBytes(StandardCharsets.UTF_8).length
                > MAX_STORED_BYTES) {
            throw ApiStatusException.storageTooLarge();
        }
    }

    /** Validates labels and annotations as {@code ValidateObjectMeta} does; 422 if invalid. */
    static void checkMetadata(ResourceType type, String name, ObjectNode object) {
        JsonNode metadata = object.path("metadata");
        List<Cause> causes = new ArrayList<>();
        checkLabels(metadata.path("labels"), causes);
        checkAnnotations(metadata.path("annotations"), causes);
        if (!causes.isEmpty()) {
            throw ApiStatusException.invalid(type.groupKind(), name, causes);
        }
    }

    private static void checkLabels(JsonNode labels, List<Cause> causes) {
        for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            qualifiedNameErrors(label.getKey()).forEach(error -> causes.add(invalid(
                    "metadata.labels", label.getKey(), error)));
            String value = label.getValue().asText();
            if (value.length() > MAX_NAME_PART) {
                causes.add(invalid("metadata.labels", value,
                        "must be no more than 63 characters"));
            }
            if (!VALUE.matcher(value).matches()) {
                causes.add(invalid("metadata.labels", value, "a valid label must be an empty "
                        + "string or consist of alphanumeric characters, '-', '_' or '.', and "
                        + "must start and end with an alphanumeric character (e.g. 'MyValue',  "
                        + "or 'my_value',  or '12345', regex used for validation is '"
                        + VALUE_REGEX + "')"));
            }
        }
    }

    private static void checkAnnotations(JsonNode annotations, List<Cause> causes) {
        long total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = annotations.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> annotation = it.next();
            String key = annotation.getKey();
            qualifiedNameErrors(key.toLowerCase(Locale.ROOT)).forEach(error -> causes.add(
                    invalid("metadata.annotations", key, error)));
            total += key.getBytes(StandardCharsets.UTF_8).length
                    + annotation.getValue().asText().getBytes(StandardCharsets.UTF_8).length;
        }
        if (total > MAX_ANNOTATIONS_BYTES) {
            causes.add(new Cause("FieldValueTooLong", "Too long: must have at most "
                    + MAX_ANNOTATIONS_BYTES + " bytes", "metadata.annotations"));
        }
    }

    /** {@code IsQualifiedName}: an optional DNS-subdomain prefix and a 63-character name. */
    private static List<String> qualifiedNameErrors(String key) {
        List<String> errors = new ArrayList<>();
        String[] parts = key.split("/", -1);
        String namePart;
        if (parts.length == 1) {
            namePart = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            namePart = parts[1];
            if (prefix.isEmpty()) {
                errors.add("prefix part must be non-empty");
            } else if (prefix.length() > MAX_PREFIX) {
                errors.add("prefix part must be no more than 253 characters");
            } else if (!SUBDOMAIN.matcher(prefix).matches()) {
                errors.add("prefix part a lowercase RFC 1123 subdomain must consist of lower "
                        + "case alphanumeric characters, '-' or '.', and must start and end "
                        + "with an alphanumeric character (e.g. 'example.com', regex used for "
                        + "validation is '" + SUBDOMAIN_REGEX + "')");
            }
        } else {
            errors.add("a qualified name must consist of alphanumeric characters, '-', '_' or "
                    + "'.', and must start and end with an alphanumeric character (e.g. "
                    + "'MyName',  or 'my.name',  or '123-abc', regex used for validation is '"
                    + NAME_REGEX + "') with an optional DNS subdomain prefix and '/' (e.g. "
                    + "'example.com/MyName')");
            return errors;
        }
        if (namePart.isEmpty()) {
            errors.add("name part must be non-empty");
        } else if (namePart.length() > MAX_NAME_PART) {
            errors.add("name part must be no more than 63 characters");
        }
        if (!namePart.isEmpty() && !NAME.matcher(namePart).matches()) {
            errors.add("name part must consist of alphanumeric characters, '-', '_' or '.', "
                    + "and must start and end with an alphanumeric character (e.g. 'MyName',  "
                    + "or 'my.name',  or '123-abc', regex used for validation is '"
                    + NAME_REGEX + "')");
        }
        return errors;
    }

    private static Cause invalid(String field, String value, String detail) {
        return new Cause("FieldValueInvalid", "Invalid value: \"" + value + "\": " + detail,
                field);
    }
}
