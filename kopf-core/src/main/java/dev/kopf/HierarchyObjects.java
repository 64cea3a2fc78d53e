package dev.kopf;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.kopf.internal.structs.DictPaths;
import dev.kopf.internal.structs.Hierarchies;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The objects the {@link Kopf} facade's hierarchy methods accept: map bodies, fabric8 objects
 * and collections of both as targets; bodies, fabric8 objects and maps as owners. Runs the map
 * rules of {@code internal.structs.Hierarchies} on fabric8 objects through their
 * {@code ObjectMeta}, so the rules exist once and fabric8 stays out of {@code structs}.
 */
final class HierarchyObjects {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<OwnerReference>> OWNER_REFERENCES =
            new TypeReference<>() {
            };
    /** How the nested option is named in the allowed lists of error messages. */
    static final String NESTED_ANY = "nested(...)";

    private HierarchyObjects() {
    }

    /** The options of one call, checked against those the method accepts. */
    record Options(boolean forced, boolean strict, List<List<String>> nested) {

        static Options check(String method, HierarchyOption[] given, String... allowed) {
            List<String> accepted = List.of(allowed);
            List<List<String>> nested = new ArrayList<>();
            boolean forced = false;
            boolean strict = false;
            for (HierarchyOption option : given == null ? new HierarchyOption[0] : given) {
                Objects.requireNonNull(option, () -> "The options of " + method
                        + " must not be null. Allowed: " + String.join(", ", accepted) + ".");
                if (!accepted.contains(option.isNested() ? NESTED_ANY : option.toString())) {
                    throw new IllegalArgumentException("Option " + option + " does not apply to "
                            + method + ". Allowed: " + String.join(", ", accepted) + ".");
                }
                forced |= option.equals(HierarchyOption.FORCED);
                strict |= option.equals(HierarchyOption.STRICT);
                option.fieldPaths().forEach(path -> nested.add(DictPaths.parse(path)));
            }
            return new Options(forced, strict, List.copyOf(nested));
        }
    }

    /** Converts an owner to its body; the facade resolves a null owner before. */
    static Map<String, Object> body(String method, Object owner) {
        if (owner instanceof Body body) {
            return body.asMap();
        } else if (owner instanceof Map<?, ?> map) {
            return DictPaths.cast(map);
        } else if (owner instanceof HasMetadata resource) {
            return Json.MAPPER.convertValue(resource, MAP);
        }
        throw new IllegalArgumentException("The owner given to " + method + " must be a fabric8 "
                + "HasMetadata, a Body or a Map, but it is " + typeOf(owner) + ".");
    }

    /** Returns a string field of the owner's metadata, or null. */
    static String metadataString(Map<String, ?> body, String key) {
        Object value = body.get("metadata") instanceof Map<?, ?> meta ? meta.get(key) : null;
        return value == null ? null : value.toString();
    }

    /** Returns the owner's labels, empty when absent. */
    static Map<String, String> labels(Map<String, ?> body) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (body.get("metadata") instanceof Map<?, ?> meta
                && meta.get("labels") instanceof Map<?, ?> found) {
            found.forEach((key, value) -> labels.put(String.valueOf(key),
                    value == null ? null : value.toString()));
        }
        return labels;
    }

    /**
     * Applies a body operation to every target and, for label operations, to the objects at
     * the nested paths of every target.
     */
    static void apply(String method, Object objs, List<List<String>> nested,
            Consumer<Map<String, Object>> operation) {
        for (Object obj : Hierarchies.walk(objs, nested)) {
            if (obj instanceof Map<?, ?> map) {
                operation.accept(DictPaths.cast(map));
            } else if (obj instanceof HasMetadata resource) {
                applyToMetadata(metadataOf(resource), operation);
                for (List<String> path : nested) {
                    applyToNested(method, resource, path, operation);
                }
            } else {
                throw new IllegalArgumentException(method + " cannot handle " + typeOf(obj)
                        + " as a Kubernetes object. Pass a fabric8 HasMetadata, a Map body, or"
                        + " a Collection of those.");
            }
        }
    }

    private static ObjectMeta metadataOf(HasMetadata resource) {
        if (resource.getMetadata() == null) {
            resource.setMetadata(new ObjectMeta());
        }
        return resource.getMetadata();
    }

    /** Runs the operation on {metadata: ...} and copies back the fields it changed. */
    private static void applyToMetadata(ObjectMeta meta, Consumer<Map<String, Object>> operation) {
        Map<String, Object> before = Json.MAPPER.convertValue(meta, MAP);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("metadata", DictPaths.deepCopyMap(before));
        operation.accept(body);
        Map<String, Object> after = DictPaths.cast(body.get("metadata"));
        if (changed(before, after, "name")) {
            meta.setName((String) after.get("name"));
        }
        if (changed(before, after, "generateName")) {
            meta.setGenerateName((String) after.get("generateName"));
        }
        if (changed(before, after, "namespace")) {
            meta.setNamespace((String) after.get("namespace"));
        }
        if (changed(before, after, "labels")) {
            Map<String, String> labels = Json.MAPPER.convertValue(after.get("labels"),
                    new TypeReference<LinkedHashMap<String, String>>() {
                    });
            meta.setLabels(labels);
        }
        if (changed(before, after, "ownerReferences")) {
            Object refs = after.get("ownerReferences");
            meta.setOwnerReferences(refs == null ? null
                    : new ArrayList<>(Json.MAPPER.convertValue(refs, OWNER_REFERENCES)));
        }
    }

    private static boolean changed(Map<String, Object> before, Map<String, Object> after,
            String key) {
        return !Objects.equals(before.get(key), after.get(key));
    }

    /** Kopf walks model attributes by name; here fabric8 getters, then additionalProperties. */
    private static void applyToNested(String method, HasMetadata resource, List<String> path,
            Consumer<Map<String, Object>> operation) {
        Object value = resource;
        for (String key : path) {
            value = value == null ? null : field(value, key);
        }
        if (value == null) {
            return;
        } else if (value instanceof Map<?, ?> map) {
            operation.accept(DictPaths.cast(map));
        } else if (value instanceof HasMetadata nestedResource) {
            applyToMetadata(metadataOf(nestedResource), operation);
        } else {
            applyToMetadata(metadataByReflection(method, value, path), operation);
        }
    }

    private static Object field(Object node, String key) {
        if (node instanceof Map<?, ?> map) {
            return map.get(key);
        }
        Method getter = getter(node, "get" + Character.toUpperCase(key.charAt(0))
                + key.substring(1));
        if (getter != null) {
            return invoke(getter, node);
        }
        Method extras = getter(node, "getAdditionalProperties");
        return extras != null && invoke(extras, node) instanceof Map<?, ?> map
                ? map.get(key) : null;
    }

    private static ObjectMeta metadataByReflection(String method, Object value,
            List<String> path) {
        Method getter = getter(value, "getMetadata");
        if (getter == null || getter.getReturnType() != ObjectMeta.class) {
            throw new IllegalArgumentException(method + " cannot label the nested field '"
                    + String.join(".", path) + "': " + typeOf(value) + " has no ObjectMeta "
                    + "metadata. Nest only to objects such as pod templates.");
        }
        ObjectMeta meta = (ObjectMeta) invoke(getter, value);
        if (meta == null) {
            meta = new ObjectMeta();
            try {
                value.getClass().getMethod("setMetadata", ObjectMeta.class).invoke(value, meta);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException(method + " cannot set the metadata of the "
                        + "nested field '" + String.join(".", path) + "': " + typeOf(value)
                        + " has no public setMetadata(ObjectMeta).", e);
            }
        }
        return meta;
    }

    private static Method getter(Object node, String name) {
        try {
            return node.getClass().getMethod(name);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Object invoke(Method getter, Object node) {
        try {
            return getter.invoke(node);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + getter + " of " + typeOf(node)
                    + ".", e);
        }
    }

    private static String typeOf(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }
}
