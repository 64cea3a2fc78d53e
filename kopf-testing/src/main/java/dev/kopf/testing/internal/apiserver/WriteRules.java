package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kopf.testing.internal.apiserver.ApiStatusException.Cause;
import dev.kopf.testing.internal.apiserver.ResourceType.Trait;
import java.security.SecureRandom;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules the real API server applies to every write, whatever the kind: server-owned
 * metadata, names, resourceVersion preconditions, generation, the status subresource, and
 * finalizers with graceful deletion.
 *
 * <p>Pure functions from the current and the proposed object to the object to store, so that
 * {@link ObjectStore} can run them outside its lock and retry them on a concurrent change.
 */
final class WriteRules {
    /** Which endpoint a write came through. */
    enum Endpoint { MAIN, STATUS }

    /** Which verb a write came through; only PUT must carry a resourceVersion. */
    enum Verb { PUT, PATCH }

    /**
     * The preconditions of a DELETE's {@code DeleteOptions}.
     *
     * @param uid the uid the object must have, or {@code null}
     * @param resourceVersion the resourceVersion it must have, or {@code null}
     */
    record Preconditions(String uid, String resourceVersion) {
        static final Preconditions NONE = new Preconditions(null, null);
    }

    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final String NAME_CHARACTERS = "bcdfghjklmnpqrstvwxz2456789";
    private static final int GENERATED_SUFFIX_LENGTH = 5;
    private static final int MAX_GENERATE_NAME_PREFIX = 58;
    private static final Random RANDOM = new SecureRandom();

    private WriteRules() {
    }

    /**
     * Turns a create request's body into the object to store (without resourceVersion): the
     * server-owned metadata set, the namespace from the URL, status dropped where a status
     * subresource owns it.
     */
    static ObjectNode prepareCreate(ResourceType type, String namespace, ObjectNode body) {
        return completeCreate(type, decodeCreate(type, namespace, body));
    }

    /**
     * The part of a create that comes before the mutating admission webhooks, as in the
     * API server's create handler: the kind checked and the namespace of the URL set. The
     * name is not generated yet and there is no uid: the webhooks see neither.
     */
    static ObjectNode decodeCreate(ResourceType type, String namespace, ObjectNode body) {
        requireKindAndVersion(type, body, true);
        ObjectNode metadata = JsonNodes.metadata(body);
        if (type.isNamespaced()) {
            String given = JsonNodes.text(metadata, "namespace");
            if (given != null && !given.isEmpty() && !given.equals(namespace)) {
                throw ApiStatusException.badRequest("the namespace of the provided object does"
                        + " not match the namespace sent on the request");
            }
            metadata.put("namespace", namespace);
        } else {
            metadata.remove("namespace");
        }
        return body;
    }

    /**
     * The part of a create that comes after the mutating admission webhooks and before the
     * validating ones, as the API server's {@code Store.create}: the system fields
     * ({@code FillObjectMetaSystemFields}: uid, creationTimestamp), the generated name,
     * then {@code BeforeCreate}'s preparation and validation.
     */
    static ObjectNode completeCreate(ResourceType type, ObjectNode body) {
        ObjectNode metadata = JsonNodes.metadata(body);
        String name = JsonNodes.text(metadata, "name");
        if (name == null || name.isEmpty()) {
            name = generateName(type, JsonNodes.text(metadata, "generateName"));
            metadata.put("name", name);
        }
        validateName(type, name);
        SizeLimits.checkMetadata(type, name, body);
        String resourceVersion = JsonNodes.text(metadata, "resourceVersion");
        if (resourceVersion != null && !resourceVersion.isEmpty()) {
            throw ApiStatusException.internal(
                    "resourceVersion should not be set on objects to be created");
        }
        metadata.put("uid", UUID.randomUUID().toString());
        metadata.put("creationTimestamp", JsonNodes.now());
        metadata.remove(List.of("deletionTimestamp", "deletionGracePeriodSeconds",
                "selfLink", "managedFields", "generation"));
        if (type.has(Trait.GENERATION)) {
            metadata.put("generation", 1);
        }
        if (type.has(Trait.STATUS_SUBRESOURCE)) {
            body.remove("status");
        }
        if (type.resource().equals(GroupResource.NAMESPACES)) {
            body.putObject("status").put("phase", "Active");
        }
        return body;
    }

    private static String generateName(ResourceType type, String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            throw ApiStatusException.invalid(type.groupKind(), "", new Cause("FieldValueRequired",
                    "Required value: name or generateName is required", "metadata.name"));
        }
        StringBuilder name = new StringBuilder(prefix.length() > MAX_GENERATE_NAME_PREFIX
                ? prefix.substring(0, MAX_GENERATE_NAME_PREFIX) : prefix);
        for (int i = 0; i < GENERATED_SUFFIX_LENGTH; i++) {
            name.append(NAME_CHARACTERS.charAt(RANDOM.nextInt(NAME_CHARACTERS.length())));
        }
        return name.toString();
    }

    private static void validateName(ResourceType type, String name) {
        if (type.group().equals("rbac.authorization.k8s.io")) {
            validatePathSegment(type, name);
            return;
        }
        boolean label = type.resource().equals(GroupResource.NAMESPACES);
        boolean valid = label
                ? name.length() <= 63 && DNS_LABEL.matcher(name).matches()
                : name.length() <= 253 && DNS_SUBDOMAIN.matcher(name).matches();
        if (!valid) {
            String rule = label
                    ? "a lowercase RFC 1123 label must consist of lower case alphanumeric"
                            + " characters or '-', and must start and end with an alphanumeric"
                            + " character (e.g. 'my-name',  or '123-abc', regex used for"
                            + " validation is '" + DNS_LABEL + "')"
                    : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
                            + " characters, '-' or '.', and must start and end with an"
                            + " alphanumeric character (e.g. 'example.com', regex used for"
                            + " validation is '" + DNS_SUBDOMAIN + "')";
            throw ApiStatusException.invalid(type.groupKind(), name, new Cause(
                    "FieldValueInvalid", "Invalid value: \"" + name + "\": " + rule,
                    "metadata.name"));
        }
    }

    /** RBAC objects' names need only be path segments, as "system:discovery" is. */
    private static void validatePathSegment(ResourceType type, String name) {
        String why = name.equals(".") || name.equals("..") ? "may not be '" + name + "'"
                : name.contains("/") ? "may not contain '/'"
                : name.contains("%") ? "may not contain '%'" : null;
        if (why != null) {
            throw ApiStatusException.invalid(type.groupKind(), name, new Cause(
                    "FieldValueInvalid", "Invalid value: \"" + name + "\": " + why,
                    "metadata.name"));
        }
    }

    private static void requireKindAndVersion(ResourceType type, ObjectNode body,
            boolean required) {
        String kind = JsonNodes.text(body, "kind");
        String apiVersion = JsonNodes.text(body, "apiVersion");
        if (required && (kind == null || kind.isEmpty())) {
            throw ApiStatusException.badRequest("Object 'Kind' is missing in the request body.");
        }
        if (kind != null && !kind.isEmpty() && !kind.equals(type.kind())) {
            throw ApiStatusException.badRequest(String.format("the kind in the data (%s) does"
                    + " not match the expected kind (%s)", kind, type.kind()));
        }
        if (apiVersion != null && !apiVersion.isEmpty()
                && !apiVersion.equals(type.apiVersion())) {
            throw ApiStatusException.badRequest(String.format("the API version in the data (%s)"
                    + " does not match the expected API version (%s)", apiVersion,
                    type.apiVersion()));
        }
        body.put("kind", type.kind());
        body.put("apiVersion", type.apiVersion());
    }

    /**
     * Decides an update (PUT or PATCH, already applied to a copy of the current object) of
     * the main resource or of {@code /status}.
     */
    static Mutation prepareUpdate(ResourceType type, StoredObject current, ObjectNode proposed,
            Endpoint endpoint, Verb verb) {
        checkUpdate(type, current, proposed, verb);
        requireKindAndVersion(type, proposed, false);
        ObjectNode next;
        if (endpoint == Endpoint.STATUS) {
            next = current.copy();
            copyField(proposed, next, "status");
        } else {
            next = proposed;
            if (type.has(Trait.STATUS_SUBRESOURCE)) {
                copyField(current.node(), next, "status");
            }
            keepServerMetadata(current.node(), next);
            rejectNewFinalizersWhileDeleting(type, current, next);
            if (type.has(Trait.GENERATION) && specChanged(type, current.node(), next)) {
                JsonNodes.metadata(next).put("generation", generation(current.node()) + 1);
            }
        }
        SizeLimits.checkMetadata(type, current.name(), next);
        if (next.equals(current.node())) {
            return new Mutation.Keep();
        }
        if (isDeleting(next) && finalizers(next).isEmpty()) {
            return new Mutation.Remove(current.copy());
        }
        return new Mutation.Replace(next);
    }

    private static void checkUpdate(ResourceType type, StoredObject current,
            ObjectNode proposed, Verb verb) {
        String name = current.name();
        JsonNode metadata = proposed.path("metadata");
        String resourceVersion = JsonNodes.text(metadata, "resourceVersion");
        if (resourceVersion == null || resourceVersion.isEmpty()) {
            if (verb == Verb.PUT && !type.has(Trait.UNCONDITIONAL_UPDATE)) {
                throw ApiStatusException.invalid(type.groupKind(), name, new Cause(
                        "FieldValueInvalid", "Invalid value: 0x0: must be specified for an"
                        + " update", "metadata.resourceVersion"));
            }
        } else if (!resourceVersion.equals(Long.toString(current.resourceVersion()))) {
            throw ApiStatusException.modified(type.resource(), name);
        }
        String givenName = JsonNodes.text(metadata, "name");
        if (givenName != null && !givenName.isEmpty() && !givenName.equals(name)) {
            throw ApiStatusException.badRequest(String.format("the name of the object (%s)"
                    + " does not match the name on the URL (%s)", givenName, name));
        }
        String givenNamespace = JsonNodes.text(metadata, "namespace");
        if (type.isNamespaced() && givenNamespace != null && !givenNamespace.isEmpty()
                && !givenNamespace.equals(current.namespace())) {
            throw ApiStatusException.badRequest("the namespace of the provided object does not"
                    + " match the namespace sent on the request");
        }
        String uid = JsonNodes.text(metadata, "uid");
        String currentUid = JsonNodes.text(current.node(), "metadata", "uid");
        if (uid != null && !uid.isEmpty() && !uid.equals(currentUid)) {
            throw ApiStatusException.conflict(type.resource(), name, String.format(
                    "Precondition failed: UID in precondition: %s, UID in object meta: %s",
                    uid, currentUid));
        }
    }

    /** Server-owned metadata always comes from the stored object, whatever a write says. */
    private static void keepServerMetadata(ObjectNode current, ObjectNode next) {
        ObjectNode from = JsonNodes.metadata(current);
        ObjectNode to = JsonNodes.metadata(next);
        for (String field : new String[] {"uid", "creationTimestamp", "resourceVersion",
                "generation", "deletionTimestamp", "deletionGracePeriodSeconds", "name",
                "namespace", "managedFields"}) {
            copyField(from, to, field);
        }
        to.remove("selfLink");
    }

    private static void rejectNewFinalizersWhileDeleting(ResourceType type,
            StoredObject current, ObjectNode next) {
        if (!isDeleting(current.node())) {
            return;
        }
        Set<String> added = finalizers(next);
        added.removeAll(finalizers(current.node()));
        if (!added.isEmpty()) {
            String list = added.stream().map(f -> "\"" + f + "\"")
                    .collect(Collectors.joining(", ", "[]string{", "}"));
            throw ApiStatusException.invalid(type.groupKind(), current.name(), new Cause(
                    "FieldValueForbidden", "Forbidden: no new finalizers can be added if the"
                    + " object is being deleted, found new finalizers " + list,
                    "metadata.finalizers"));
        }
    }

    /** Whether anything but metadata (and status, when a subresource owns it) changed. */
    private static boolean specChanged(ResourceType type, ObjectNode before, ObjectNode after) {
        Set<String> fields = new LinkedHashSet<>();
        before.fieldNames().forEachRemaining(fields::add);
        after.fieldNames().forEachRemaining(fields::add);
        fields.remove("metadata");
        if (type.has(Trait.STATUS_SUBRESOURCE)) {
            fields.remove("status");
        }
        for (String field : fields) {
            JsonNode left = before.get(field);
            JsonNode right = after.get(field);
            if (left == null ? right != null : !left.equals(right)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decides a DELETE: with finalizers, mark the object (deletionTimestamp, a new
     * generation) and keep it; without, remove it.
     */
    static Mutation prepareDelete(GroupResource resource, StoredObject current,
            Preconditions preconditions) {
        checkDeletePreconditions(resource, current, preconditions);
        if (finalizers(current.node()).isEmpty()) {
            return new Mutation.Remove(current.copy());
        }
        if (isDeleting(current.node())) {
            return new Mutation.Keep();
        }
        return new Mutation.Replace(markDeleting(current));
    }

    /**
     * Decides a namespace's DELETE: the namespace is always marked terminating first, so that
     * nothing new is created in it while its contents are deleted.
     */
    static Mutation prepareNamespaceDelete(StoredObject current, Preconditions preconditions) {
        checkDeletePreconditions(GroupResource.NAMESPACES, current,
                preconditions);
        if (isDeleting(current.node())) {
            return new Mutation.Keep();
        }
        ObjectNode next = markDeleting(current);
        next.putObject("status").put("phase", "Terminating");
        return new Mutation.Replace(next);
    }

    private static ObjectNode markDeleting(StoredObject current) {
        ObjectNode next = current.copy();
        ObjectNode metadata = JsonNodes.metadata(next);
        metadata.put("deletionTimestamp", JsonNodes.now());
        metadata.put("deletionGracePeriodSeconds", 0);
        if (metadata.has("generation")) {
            metadata.put("generation", generation(next) + 1);
        }
        return next;
    }

    private static void checkDeletePreconditions(GroupResource resource, StoredObject current,
            Preconditions preconditions) {
        String uid = JsonNodes.text(current.node(), "metadata", "uid");
        if (preconditions.uid() != null && !preconditions.uid().equals(uid)) {
            throw ApiStatusException.conflict(resource, current.name(), String.format(
                    "Precondition failed: UID in precondition: %s, UID in object meta: %s",
                    preconditions.uid(), uid));
        }
        String version = Long.toString(current.resourceVersion());
        if (preconditions.resourceVersion() != null
                && !preconditions.resourceVersion().equals(version)) {
            throw ApiStatusException.conflict(resource, current.name(), String.format(
                    "Precondition failed: ResourceVersion in precondition: %s, ResourceVersion"
                    + " in object meta: %s", preconditions.resourceVersion(), version));
        }
    }

    static boolean isDeleting(JsonNode object) {
        return JsonNodes.text(object, "metadata", "deletionTimestamp") != null;
    }

    static Set<String> finalizers(JsonNode object) {
        Set<String> result = new LinkedHashSet<>();
        Iterator<JsonNode> items = object.path("metadata").path("finalizers").elements();
        items.forEachRemaining(item -> result.add(item.asText()));
        return result;
    }

    private static long generation(JsonNode object) {
        return object.path("metadata").path("generation").asLong(0);
    }

    private static void copyField(JsonNode from, ObjectNode to, String field) {
        JsonNode value = from.get(field);
        if (value == null) {
            to.remove(field);
        } else {
            to.set(field, value.deepCopy());
        }
    }
}
