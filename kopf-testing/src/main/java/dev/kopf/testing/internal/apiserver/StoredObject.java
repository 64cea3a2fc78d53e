package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One version of one object as the store holds it: an immutable JSON tree, its
 * resourceVersion, and its serialized form, computed once on first use.
 *
 * <p>Immutability is by convention: the tree is never changed after the store publishes it, so
 * readers and watch streams share it without copying. Writers start from {@link #copy()}.
 */
final class StoredObject {
    private final ObjectNode node;
    private final long resourceVersion;
    private volatile String json;

    StoredObject(ObjectNode node, long resourceVersion) {
        this.node = node;
        this.resourceVersion = resourceVersion;
    }

    /** The tree; callers must not change it. */
    ObjectNode node() {
        return node;
    }

    /** A deep copy that a writer may change. */
    ObjectNode copy() {
        return node.deepCopy();
    }

    long resourceVersion() {
        return resourceVersion;
    }

    String namespace() {
        String namespace = JsonNodes.text(node, "metadata", "namespace");
        return namespace == null ? "" : namespace;
    }

    String name() {
        return JsonNodes.text(node, "metadata", "name");
    }

    JsonNode labels() {
        return node.path("metadata").path("labels");
    }

    /** The JSON text, serialized outside the store's lock the first time it is needed. */
    String json() {
        String result = json;
        if (result == null) {
            result = JsonNodes.write(node);
            json = result;
        }
        return result;
    }

    /** The JSON text as served in {@code apiVersion}: CRs are stored once for all versions. */
    String json(String apiVersion) {
        if (apiVersion.equals(JsonNodes.text(node, "apiVersion"))) {
            return json();
        }
        ObjectNode converted = node.deepCopy();
        converted.put("apiVersion", apiVersion);
        return JsonNodes.write(converted);
    }
}
