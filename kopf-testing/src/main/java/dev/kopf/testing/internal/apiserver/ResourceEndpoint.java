package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kopf.testing.internal.apiserver.ListPages.Page;
import dev.kopf.testing.internal.apiserver.ObjectStore.Outcome;
import dev.kopf.testing.internal.apiserver.ObjectStore.Snapshot;
import dev.kopf.testing.internal.apiserver.ResourceType.Trait;
import dev.kopf.testing.internal.apiserver.WriteRules.Endpoint;
import dev.kopf.testing.internal.apiserver.WriteRules.Preconditions;
import dev.kopf.testing.internal.apiserver.WriteRules.Verb;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * The REST verbs on objects and collections (get, list, create, update, patch, delete,
 * delete collection) and on the {@code /status} subresource; watches go to
 * {@link WatchEndpoint}.
 *
 * <p>Turns HTTP into store operations: parses bodies and patches, lets {@link WriteRules}
 * decide, commits through {@link ObjectStore}, and renders objects and lists, serializing
 * outside the store's lock.
 */
final class ResourceEndpoint {
    private static final int GENERATE_NAME_ATTEMPTS = 8;
    private static final String KNOWN_PATCH_TYPES = "application/json-patch+json,"
            + " application/merge-patch+json, application/apply-patch+yaml";

    private final ObjectStore store;
    private final ListPages pages = new ListPages();
    private final DeletionCascade cascade;
    private final AdmissionChain admission;

    ResourceEndpoint(ObjectStore store, DeletionCascade cascade) {
        this(store, cascade, new AdmissionChain(store));
    }

    ResourceEndpoint(ObjectStore store, DeletionCascade cascade, AdmissionChain admission) {
        this.store = store;
        this.cascade = cascade;
        this.admission = admission;
    }

    MockResponse handle(ApiRequest request, ApiPath path, ResourceType type) {
        SizeLimits.checkRequestBody(request);
        requireJsonBody(request);
        if (path.subresource() != null) {
            return subresource(request, path, type);
        }
        if (path.isCollection()) {
            return switch (request.method()) {
                case "GET" -> list(request, path, type);
                case "POST" -> create(request, path, type);
                case "DELETE" -> deleteCollection(request, path, type);
                default -> throw ApiStatusException.methodNotAllowed();
            };
        }
        return switch (request.method()) {
            case "GET" -> get(path, type);
            case "PUT" -> update(request, path, type, Endpoint.MAIN);
            case "PATCH" -> patch(request, path, type, Endpoint.MAIN);
            case "DELETE" -> delete(request, path, type);
            default -> throw ApiStatusException.methodNotAllowed();
        };
    }

    /**
     * Refuses bodies that are not JSON (kubectl sends protobuf for built-in kinds), with the
     * 415 that makes client-go retry in JSON.
     */
    private static void requireJsonBody(ApiRequest request) {
        String contentType = request.contentType();
        if (!request.method().equals("PATCH") && request.hasBody() && contentType != null
                && !contentType.equals("application/json") && !contentType.equals("*/*")) {
            throw ApiStatusException.unsupportedMediaType("the body of the request was in an"
                    + " unknown format - accepted media types include: application/json");
        }
    }

    private MockResponse subresource(ApiRequest request, ApiPath path, ResourceType type) {
        if (!"status".equals(path.subresource()) || !type.has(Trait.STATUS_SUBRESOURCE)) {
            throw ApiStatusException.pathNotFound();
        }
        return switch (request.method()) {
            case "GET" -> get(path, type);
            case "PUT" -> update(request, path, type, Endpoint.STATUS);
            case "PATCH" -> patch(request, path, type, Endpoint.STATUS);
            default -> throw ApiStatusException.methodNotAllowed();
        };
    }

    private MockResponse get(ApiPath path, ResourceType type) {
        StoredObject object = store.get(type.resource(), path.namespace(), path.name());
        if (object == null) {
            throw ApiStatusException.notFound(type.resource(), path.name());
        }
        return Responses.json(200, object.json(type.apiVersion()));
    }

    private MockResponse list(ApiRequest request, ApiPath path, ResourceType type) {
        int limit = limit(request.parameter("limit"));
        String token = request.parameter("continue");
        Page page;
        if (token != null && !token.isEmpty()) {
            page = pages.next(token, limit);
        } else {
            Selection selection = selection(request, path);
            Snapshot snapshot = store.list(type.resource(), path.namespace());
            List<StoredObject> items = snapshot.items().stream()
                    .filter(selection::matches)
                    .toList();
            page = pages.first(snapshot.resourceVersion(), items, limit);
        }
        return Responses.json(200, renderList(type, page));
    }

    static Selection selection(ApiRequest request, ApiPath path) {
        return new Selection(path.namespace(),
                LabelSelector.parse(request.parameter("labelSelector")),
                FieldSelector.parse(request.parameter("fieldSelector")));
    }

    private static int limit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw ApiStatusException.badRequest("limit must be an integer: " + limit);
        }
    }

    private static String renderList(ResourceType type, Page page) {
        StringBuilder json = new StringBuilder(256 + page.items().size() * 512);
        json.append("{\"kind\":\"").append(type.listKind())
                .append("\",\"apiVersion\":\"").append(type.apiVersion())
                .append("\",\"metadata\":{\"resourceVersion\":\"")
                .append(page.resourceVersion()).append('"');
        if (page.continueToken() != null) {
            json.append(",\"continue\":\"").append(page.continueToken())
                    .append("\",\"remainingItemCount\":").append(page.remainingItemCount());
        }
        json.append("},\"items\":[");
        for (int i = 0; i < page.items().size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(page.items().get(i).json(type.apiVersion()));
        }
        return json.append("]}").toString();
    }

    private MockResponse create(ApiRequest request, ApiPath path, ResourceType type) {
        if (type.isNamespaced() && path.namespace() == null) {
            throw ApiStatusException.methodNotAllowed();
        }
        ObjectNode body = JsonNodes.parseObject(request.body());
        // As the API server: the mutating webhooks see no generated name and no uid yet.
        ObjectNode mutated = admission.mutate(type, path, "CREATE",
                WriteRules.decodeCreate(type, path.namespace(), body.deepCopy()), null,
                isDryRun(request));
        String name = JsonNodes.text(mutated, "metadata", "name");
        boolean generated = name == null || name.isEmpty();
        for (int attempt = 1; ; attempt++) {
            ObjectNode node = WriteRules.completeCreate(type, mutated.deepCopy());
            if (isCustomResourceDefinitions(type)) {
                CustomResourceDefinitions.establish(node);
            }
            admission.validate(type, path, "CREATE", node, null, isDryRun(request));
            if (isDryRun(request)) {
                return Responses.json(201, JsonNodes.write(node));
            }
            SizeLimits.checkStoredSize(node);
            try {
                StoredObject created = store.create(type, node);
                cascade.afterWrite(type, new Outcome(ChangeEvent.Type.ADDED, null, created));
                return Responses.json(201, created.json(type.apiVersion()));
            } catch (ApiStatusException e) {
                // A generated name that is taken is retried with another, as the real server does.
                if (!generated || !e.reason().equals("AlreadyExists")
                        || attempt == GENERATE_NAME_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private MockResponse update(ApiRequest request, ApiPath path, ResourceType type,
            Endpoint endpoint) {
        ObjectNode body = JsonNodes.parseObject(request.body());
        return write(request, path, type, current -> WriteRules.prepareUpdate(type, current,
                body.deepCopy(), endpoint, Verb.PUT));
    }

    private MockResponse patch(ApiRequest request, ApiPath path, ResourceType type,
            Endpoint endpoint) {
        BinaryOperator<JsonNode> patcher = patcher(type, request.contentType());
        JsonNode patch = JsonNodes.parse(request.body());
        return write(request, path, type, current -> {
            JsonNode patched = patcher.apply(current.copy(), patch);
            if (!(patched instanceof ObjectNode object)) {
                throw ApiStatusException.unprocessablePatch(
                        "the patched object is not a JSON object: " + JsonNodes.write(patched));
            }
            return WriteRules.prepareUpdate(type, current, object, endpoint, Verb.PATCH);
        });
    }

    /** Runs an update of an existing object and answers with the object as written. */
    private MockResponse write(ApiRequest request, ApiPath path, ResourceType type,
            Function<StoredObject, Mutation> decide) {
        Function<StoredObject, Mutation> admitted = current -> {
            if (current == null) {
                throw ApiStatusException.notFound(type.resource(), path.name());
            }
            Mutation mutation = decide.apply(current);
            if (mutation instanceof Mutation.Replace replace) {
                ObjectNode next = admission.admit(type, path, "UPDATE", replace.next(),
                        current.copy(), isDryRun(request));
                if (!isDryRun(request)) {
                    SizeLimits.checkStoredSize(next);
                }
                return new Mutation.Replace(next);
            }
            return mutation;
        };
        if (isDryRun(request)) {
            StoredObject current = store.get(type.resource(), path.namespace(), path.name());
            Mutation mutation = admitted.apply(current);
            return Responses.json(200, mutation instanceof Mutation.Replace replace
                    ? JsonNodes.write(replace.next()) : current.json(type.apiVersion()));
        }
        Outcome outcome = store.mutate(type.resource(), path.namespace(), path.name(),
                admitted);
        cascade.afterWrite(type, outcome);
        return Responses.json(200, answer(outcome).json(type.apiVersion()));
    }

    private static BinaryOperator<JsonNode> patcher(ResourceType type, String contentType) {
        String patchType = contentType == null ? "" : contentType;
        return switch (patchType) {
            case "application/merge-patch+json" -> MergePatch::apply;
            case "application/json-patch+json" -> JsonPatch::apply;
            case "application/strategic-merge-patch+json" -> {
                if (!type.has(Trait.STRATEGIC_MERGE_PATCH)) {
                    throw ApiStatusException.unsupportedMediaType("the body of the request was"
                            + " in an unknown format - accepted media types include: "
                            + KNOWN_PATCH_TYPES);
                }
                yield StrategicMergePatch::apply;
            }
            case "application/apply-patch+yaml", "application/apply-patch+json",
                    "application/apply-patch+cbor" -> throw ApiStatusException
                    .unsupportedMediaType("Server-side apply is not supported by the embedded"
                            + " API server. Use a merge patch or a JSON patch instead.");
            default -> throw ApiStatusException.unsupportedMediaType("the body of the request"
                    + " was in an unknown format - accepted media types include: "
                    + KNOWN_PATCH_TYPES + ", application/strategic-merge-patch+json");
        };
    }

    private MockResponse delete(ApiRequest request, ApiPath path, ResourceType type) {
        Preconditions preconditions = preconditions(request);
        StoredObject existing = store.get(type.resource(), path.namespace(), path.name());
        if (existing != null) {
            admission.admit(type, path, "DELETE", null, existing.copy(), isDryRun(request));
            if (isDryRun(request)) {
                return Responses.json(200, existing.json(type.apiVersion()));
            }
        }
        Outcome outcome;
        if (type.resource().equals(GroupResource.NAMESPACES)) {
            outcome = cascade.deleteNamespace(path.name(), preconditions);
        } else {
            outcome = store.mutate(type.resource(), path.namespace(), path.name(), current -> {
                if (current == null) {
                    throw ApiStatusException.notFound(type.resource(), path.name());
                }
                return WriteRules.prepareDelete(type.resource(), current, preconditions);
            });
            cascade.afterWrite(type, outcome);
        }
        return Responses.json(200, answer(outcome).json(type.apiVersion()));
    }

    private MockResponse deleteCollection(ApiRequest request, ApiPath path, ResourceType type) {
        if (!type.has(Trait.DELETE_COLLECTION)
                || (type.isNamespaced() && path.namespace() == null)) {
            throw ApiStatusException.methodNotAllowed();
        }
        Selection selection = selection(request, path);
        List<StoredObject> deleted = new ArrayList<>();
        for (StoredObject object : store.list(type.resource(), path.namespace()).items()) {
            if (!selection.matches(object)) {
                continue;
            }
            String namespace = type.isNamespaced() ? object.namespace() : null;
            Outcome outcome = store.mutate(type.resource(), namespace, object.name(),
                    current -> current == null ? new Mutation.Keep()
                            : WriteRules.prepareDelete(type.resource(), current,
                                    Preconditions.NONE));
            cascade.afterWrite(type, outcome);
            if (outcome.before() != null) {
                deleted.add(answer(outcome));
            }
        }
        return Responses.json(200, renderList(type,
                new Page(store.resourceVersion(), deleted, null, null)));
    }

    private static Preconditions preconditions(ApiRequest request) {
        if (!request.hasBody()) {
            return Preconditions.NONE;
        }
        JsonNode options = JsonNodes.parse(request.body());
        return new Preconditions(JsonNodes.text(options, "preconditions", "uid"),
                JsonNodes.text(options, "preconditions", "resourceVersion"));
    }

    /**
     * The object a write answers with: the new version, or for a removal the last stored
     * one, as the real server answers.
     */
    private static StoredObject answer(Outcome outcome) {
        return outcome.isRemoved() ? outcome.before() : outcome.after();
    }

    /** {@code ?dryRun=All}: admitted as usual, answered as if stored, but not stored. */
    private static boolean isDryRun(ApiRequest request) {
        return "All".equals(request.parameter("dryRun"));
    }

    private static boolean isCustomResourceDefinitions(ResourceType type) {
        return type.resource().equals(GroupResource.CUSTOM_RESOURCE_DEFINITIONS);
    }
}
