package dev.kopf.internal.structs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Parent–child bookkeeping on JSON-like bodies: owner references, names, namespaces and labels,
 * as Kopf's {@code _kits/hierarchies.py} (and the reference builders of its {@code bodies}).
 *
 * <p>Called by the {@code Kopf} facade, which resolves the owner and turns fabric8 objects into
 * bodies; kept here so the rules are plain functions on maps, testable without a handler. The
 * bodies are changed in place, so their maps and lists must be mutable.
 */
public final class Hierarchies {

    private Hierarchies() {
    }

    /**
     * Builds an owner reference to a body, as Kopf's {@code build_owner_reference}.
     *
     * @param body the owner
     * @param controller the {@code controller} field; {@code null} leaves it out
     * @param blockOwnerDeletion the {@code blockOwnerDeletion} field; {@code null} leaves it out
     * @return {@code controller, blockOwnerDeletion, apiVersion, kind, name, uid}, without the
     *     {@code null} ones
     */
    public static Map<String, Object> buildOwnerReference(Map<String, ?> body, Boolean controller,
            Boolean blockOwnerDeletion) {
        Map<String, Object> ref = new LinkedHashMap<>();
        putIfNotNull(ref, "controller", controller);
        putIfNotNull(ref, "blockOwnerDeletion", blockOwnerDeletion);
        putIfNotNull(ref, "apiVersion", body.get("apiVersion"));
        putIfNotNull(ref, "kind", body.get("kind"));
        putIfNotNull(ref, "name", metadataOf(body).get("name"));
        putIfNotNull(ref, "uid", metadataOf(body).get("uid"));
        return ref;
    }

    /**
     * Builds an object reference (as for Events), as Kopf's {@code build_object_reference}.
     *
     * @param body the object
     * @return {@code apiVersion, kind, name, uid, namespace}, without the empty ones
     */
    public static Map<String, Object> buildObjectReference(Map<String, ?> body) {
        Map<String, Object> ref = new LinkedHashMap<>();
        putIfNotEmpty(ref, "apiVersion", body.get("apiVersion"));
        putIfNotEmpty(ref, "kind", body.get("kind"));
        putIfNotEmpty(ref, "name", metadataOf(body).get("name"));
        putIfNotEmpty(ref, "uid", metadataOf(body).get("uid"));
        putIfNotEmpty(ref, "namespace", metadataOf(body).get("namespace"));
        return ref;
    }

    /**
     * Flattens the objects to work on, as Kopf's {@code dicts.walk}: iterables (but not maps)
     * are entered recursively and {@code null}s skipped; after each map come the non-null values
     * at the nested paths (values under non-map parents count as absent). Other objects are
     * returned as they are, for the caller to handle or reject.
     *
     * @param objs a body, an object, or an iterable of those, nested to any depth
     * @param nested field paths to visit below every map, e.g. {@code [[spec, template]]}
     * @return the objects in order
     */
    public static List<Object> walk(Object objs, List<List<String>> nested) {
        List<Object> found = new ArrayList<>();
        walkInto(found, objs, nested);
        return found;
    }

    /**
     * Appends an owner reference unless one with the same {@code uid} is there.
     *
     * @param obj the child body; {@code metadata.ownerReferences} is created if absent
     * @param ownerReference a reference from {@link #buildOwnerReference}; copied, not shared
     * @throws IllegalArgumentException if the reference has no {@code uid}
     */
    public static void appendOwnerReference(Map<String, Object> obj,
            Map<String, Object> ownerReference) {
        Object uid = requireUid(ownerReference);
        List<Object> refs = childList(childMap(obj, "metadata"), "ownerReferences");
        if (refs.stream().noneMatch(ref -> hasUid(ref, uid))) {
            refs.add(new LinkedHashMap<>(ownerReference));
        }
    }

    /**
     * Removes every owner reference with the owner's {@code uid}.
     *
     * @param obj the child body; {@code metadata.ownerReferences} is created if absent, as Kopf
     *     does
     * @param ownerReference a reference from {@link #buildOwnerReference}
     * @throws IllegalArgumentException if the reference has no {@code uid}
     */
    public static void removeOwnerReference(Map<String, Object> obj,
            Map<String, Object> ownerReference) {
        Object uid = requireUid(ownerReference);
        childList(childMap(obj, "metadata"), "ownerReferences").removeIf(ref -> hasUid(ref, uid));
    }

    /**
     * Applies labels: new keys are added; existing keys are overwritten only if forced.
     *
     * @param obj the body; {@code metadata.labels} is created if absent
     * @param labels the labels; {@code null} values are written as {@code null}s
     * @param forced whether existing keys get the new values (Kopf's {@code forced=})
     */
    public static void label(Map<String, Object> obj, Map<String, String> labels,
            boolean forced) {
        Map<String, Object> objLabels = childMap(childMap(obj, "metadata"), "labels");
        labels.forEach((key, value) -> {
            if (forced || !objLabels.containsKey(key)) {
                objLabels.put(key, value);
            }
        });
    }

    /**
     * Names the object after a name, unless it has a {@code name} or {@code generateName} key
     * already (or is forced): {@code generateName: <name>-}, or {@code name: <name>} if strict;
     * the other of the two keys is removed.
     *
     * @param obj the body; {@code metadata} is created if absent
     * @param name the name or prefix
     * @param forced whether existing names are replaced (Kopf's {@code forced=})
     * @param strict whether the name is used as is rather than as a prefix ({@code strict=})
     */
    public static void harmonizeNaming(Map<String, Object> obj, String name, boolean forced,
            boolean strict) {
        Objects.requireNonNull(name, "name");
        boolean noname = !(obj.get("metadata") instanceof Map<?, ?> meta)
                || !(meta.containsKey("name") || meta.containsKey("generateName"));
        if (forced || noname) {
            Map<String, Object> meta = childMap(obj, "metadata");
            meta.put(strict ? "name" : "generateName", strict ? name : name + "-");
            meta.remove(strict ? "generateName" : "name");
        }
    }

    /**
     * Sets the namespace unless the object has a non-null one (or is forced).
     *
     * @param obj the body; {@code metadata} is created if absent
     * @param namespace the namespace; {@code null} (a cluster-scoped owner) is written as is
     * @param forced whether an existing namespace is replaced (Kopf's {@code forced=})
     */
    public static void adjustNamespace(Map<String, Object> obj, String namespace,
            boolean forced) {
        if (forced || metadataOf(obj).get("namespace") == null) {
            childMap(obj, "metadata").put("namespace", namespace);
        }
    }

    private static void walkInto(List<Object> found, Object objs, List<List<String>> nested) {
        if (objs == null) {
            return;
        }
        if (objs instanceof Map<?, ?> map) {
            found.add(map);
            for (List<String> path : nested) {
                Object value = DictPaths.resolve(map, path);
                if (value != null) {
                    found.add(value);
                }
            }
        } else if (objs instanceof Iterable<?> items) {
            items.forEach(item -> walkInto(found, item, nested));
        } else {
            found.add(objs);
        }
    }

    private static Map<?, ?> metadataOf(Map<String, ?> body) {
        return body.get("metadata") instanceof Map<?, ?> meta ? meta : Map.of();
    }

    private static Map<String, Object> childMap(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (value == null) {
            Map<String, Object> created = new LinkedHashMap<>();
            parent.put(key, created);
            return created;
        }
        if (value instanceof Map<?, ?> map) {
            return DictPaths.cast(map);
        }
        throw new IllegalArgumentException("Field '" + key + "' must be a map, but it is a "
                + value.getClass().getName() + ": " + value + ".");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> childList(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (value == null) {
            List<Object> created = new ArrayList<>();
            parent.put(key, created);
            return created;
        }
        if (value instanceof List<?> list) {
            return (List<Object>) list;
        }
        throw new IllegalArgumentException("Field '" + key + "' must be a list, but it is a "
                + value.getClass().getName() + ": " + value + ".");
    }

    private static Object requireUid(Map<String, Object> ownerReference) {
        Object uid = ownerReference.get("uid");
        if (uid == null) {
            throw new IllegalArgumentException("The owner has no metadata.uid, so children cannot"
                    + " refer to it: " + ownerReference + ". Use an owner read from the API.");
        }
        return uid;
    }

    private static boolean hasUid(Object ref, Object uid) {
        return ref instanceof Map<?, ?> map && uid.equals(map.get("uid"));
    }

    private static void putIfNotNull(Map<String, Object> ref, String key, Object value) {
        if (value != null) {
            ref.put(key, value);
        }
    }

    private static void putIfNotEmpty(Map<String, Object> ref, String key, Object value) {
        if (value != null && !"".equals(value)) {
            ref.put(key, value);
        }
    }
}
