package dev.kopf;

import dev.kopf.HierarchyObjects.Options;
import dev.kopf.internal.actions.CurrentContext;
import dev.kopf.internal.actions.SubHandlerRunner;
import dev.kopf.internal.engines.EventPoster;
import dev.kopf.internal.structs.FilterMarkers;
import dev.kopf.internal.structs.Hierarchies;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The facade for handler code: filter markers, Kubernetes Events and object hierarchies.
 *
 * @since 0.1
 */
public final class Kopf {

    /** A filter value that matches when the label, annotation or field is present. */
    public static final String PRESENT = FilterMarkers.PRESENT;

    /** A filter value that matches when the label, annotation or field is absent. */
    public static final String ABSENT = FilterMarkers.ABSENT;

    /**
     * Prefixes a method name to use as a filter callback in an annotation, as Kopf's
     * callable filter values: {@code labels = "tier=" + Kopf.CALLBACK + "isGold"},
     * {@code fieldValue}, {@code oldValue} or {@code newValue = Kopf.CALLBACK + "isLarge"}.
     * The method is a public method of the handler's class taking the value (converted to
     * its parameter's type; {@code null} when absent) and returning {@code boolean}. Names
     * may be combined: {@code Kopf.CALLBACK + "any(isSmall, not(isMedium))"}, as in
     * {@code when}.
     *
     * @since 0.2
     */
    public static final String CALLBACK = FilterMarkers.CALLBACK;

    /** The default of value-filter attributes: no filter. Not meant to be written by users. */
    public static final String UNSET = FilterMarkers.UNSET;

    private Kopf() {
    }

    /**
     * Runs sub-handlers now, inside the current changing handler, as Kopf's
     * {@code kopf.execute(fns=...)}: each gets the id {@code parent/id} and its own progress.
     * The code after this call runs only once all of them succeeded; while any is
     * unfinished, the parent's call ends here and it is called again later (so code before
     * the call must be idempotent); when any failed, the parent fails permanently.
     *
     * <pre>{@code
     * Kopf.execute(Map.of("db", ctx -> createDatabase(), "user", ctx -> createUser()));
     * }</pre>
     *
     * @param fns the sub-handlers by id, in their map's order (use a {@code LinkedHashMap})
     * @throws IllegalStateException outside of a changing handler
     * @since 0.2
     */
    public static void execute(Map<String, SubHandlers.Fn> fns) {
        SubHandlerRunner.executeNow(CurrentContext.get(), new LinkedHashMap<>(fns));
    }

    /**
     * Runs sub-handlers now, declared with options; see {@link #execute(Map)}.
     *
     * <pre>{@code
     * Kopf.execute(subs -> subs.register("db", SubHandlerOptions.defaults().retries(3),
     *         ctx -> createDatabase()));
     * }</pre>
     *
     * @param declare registers the sub-handlers on the given {@link SubHandlers}
     * @throws IllegalStateException outside of a changing handler
     * @since 0.2
     */
    public static void execute(java.util.function.Consumer<SubHandlers> declare) {
        SubHandlerRunner.executeNow(CurrentContext.get(), declare);
    }

    /**
     * Negates a filter callback, as Kopf's {@code kopf.not_}.
     *
     * @param filter the callback
     * @param <T> the value type
     * @return a callback that matches when {@code filter} does not
     * @since 0.2
     */
    public static <T> java.util.function.Predicate<T> not(
            java.util.function.Predicate<T> filter) {
        return filter.negate();
    }

    /**
     * Matches when every callback matches, as Kopf's {@code kopf.all_}.
     *
     * @param filters the callbacks
     * @param <T> the value type
     * @return the combined callback
     * @since 0.2
     */
    @SafeVarargs
    public static <T> java.util.function.Predicate<T> all(
            java.util.function.Predicate<T>... filters) {
        List<java.util.function.Predicate<T>> list = List.of(filters);
        return value -> list.stream().allMatch(filter -> filter.test(value));
    }

    /**
     * Matches when any callback matches, as Kopf's {@code kopf.any_}.
     *
     * @param filters the callbacks
     * @param <T> the value type
     * @return the combined callback
     * @since 0.2
     */
    @SafeVarargs
    public static <T> java.util.function.Predicate<T> any(
            java.util.function.Predicate<T>... filters) {
        List<java.util.function.Predicate<T>> list = List.of(filters);
        return value -> list.stream().anyMatch(filter -> filter.test(value));
    }

    /**
     * Matches when no callback matches, as Kopf's {@code kopf.none_}.
     *
     * @param filters the callbacks
     * @param <T> the value type
     * @return the combined callback
     * @since 0.2
     */
    @SafeVarargs
    public static <T> java.util.function.Predicate<T> none(
            java.util.function.Predicate<T>... filters) {
        List<java.util.function.Predicate<T>> list = List.of(filters);
        return value -> list.stream().noneMatch(filter -> filter.test(value));
    }

    /**
     * Posts a Kubernetes Event about an object, in the background.
     *
     * <p>Works inside handlers; elsewhere it does nothing. Events are gated by the operator's
     * posting settings. Messages longer than 1024 characters are cut in the middle.
     *
     * @param object a fabric8 object ({@code HasMetadata}), a {@link Body}, or a JSON map
     * @param type the Event type, e.g. {@code Normal} or {@code Warning}
     * @param reason a short CamelCase reason
     * @param message the message
     */
    public static void event(Object object, String type, String reason, String message) {
        EventPoster poster = EventPoster.current();
        if (poster != null) {
            poster.post(toMap(object), type, reason, message);
        }
    }

    /**
     * Posts a {@code Normal} Event; see {@link #event}.
     *
     * @param object the object
     * @param reason the reason
     * @param message the message
     */
    public static void info(Object object, String reason, String message) {
        EventPoster poster = EventPoster.current();
        if (poster != null && poster.isPosted("INFO")) {
            poster.post(toMap(object), "Normal", reason, message);
        }
    }

    /**
     * Posts a {@code Warning} Event; see {@link #event}.
     *
     * @param object the object
     * @param reason the reason
     * @param message the message
     */
    public static void warn(Object object, String reason, String message) {
        EventPoster poster = EventPoster.current();
        if (poster != null && poster.isPosted("WARN")) {
            poster.post(toMap(object), "Warning", reason, message);
        }
    }

    /**
     * Posts an {@code Error} Event about an exception; see {@link #event}.
     *
     * @param object the object
     * @param reason the reason; empty for the exception's class name
     * @param message the message; the exception's message is appended
     * @param error the exception, or {@code null}
     */
    public static void exception(Object object, String reason, String message,
            Throwable error) {
        EventPoster poster = EventPoster.current();
        if (poster == null || !poster.isPosted("ERROR")) {
            return;
        }
        String why = (reason == null || reason.isEmpty()) && error != null
                ? error.getClass().getSimpleName() : reason;
        String text = error == null ? message
                : ((message == null || message.isEmpty() ? "" : message + " ")
                        + error.getMessage()).strip();
        poster.post(toMap(object), "Error", why, text);
    }

    /**
     * Makes the children belong to the object being handled; see {@link #adopt(Object, Object,
     * HierarchyOption...)}.
     *
     * @param objs the children: a fabric8 {@code HasMetadata}, a mutable {@code Map} body, or a
     *     {@code Collection} of those
     * @param options {@link HierarchyOption#FORCED}, {@link HierarchyOption#STRICT},
     *     {@link HierarchyOption#nested}
     * @throws IllegalStateException if called outside of a handler
     */
    public static void adopt(Object objs, HierarchyOption... options) {
        adopt(objs, null, options);
    }

    /**
     * Makes the children belong to an owner: owned by it ({@link #appendOwnerReference}), named
     * after it ({@link #harmonizeNaming}), in its namespace ({@link #adjustNamespace}) and
     * carrying its labels ({@link #label}). The children are changed in place.
     *
     * <pre>{@code
     * Pod pod = new PodBuilder().withNewSpec()...endSpec().build();
     * Kopf.adopt(pod);
     * client.resource(pod).create();
     * }</pre>
     *
     * @param objs the children: a fabric8 {@code HasMetadata}, a mutable {@code Map} body, or a
     *     {@code Collection} of those
     * @param owner a fabric8 {@code HasMetadata}, a {@link Body} or a {@code Map} body;
     *     {@code null} for the object being handled
     * @param options {@link HierarchyOption#FORCED}, {@link HierarchyOption#STRICT},
     *     {@link HierarchyOption#nested}
     * @throws IllegalStateException if the owner is {@code null} outside of a handler
     * @throws IllegalArgumentException if the owner has no name or uid, or an object is of an
     *     unsupported type
     */
    public static void adopt(Object objs, Object owner, HierarchyOption... options) {
        String method = "Kopf.adopt()";
        Options checked = Options.check(method, options, "FORCED", "STRICT",
                HierarchyObjects.NESTED_ANY);
        Map<String, Object> body = owner(method, owner);
        String name = requireName(method, HierarchyObjects.metadataString(body, "name"));
        String namespace = HierarchyObjects.metadataString(body, "namespace");
        Map<String, Object> ref = Hierarchies.buildOwnerReference(body, true, true);
        HierarchyObjects.apply(method, objs, List.of(),
                obj -> Hierarchies.appendOwnerReference(obj, ref));
        HierarchyObjects.apply(method, objs, List.of(), obj -> Hierarchies.harmonizeNaming(obj,
                name, checked.forced(), checked.strict()));
        HierarchyObjects.apply(method, objs, List.of(),
                obj -> Hierarchies.adjustNamespace(obj, namespace, checked.forced()));
        Map<String, String> labels = HierarchyObjects.labels(body);
        HierarchyObjects.apply(method, objs, checked.nested(),
                obj -> Hierarchies.label(obj, labels, checked.forced()));
    }

    /**
     * Makes the object being handled an owner of the children; see
     * {@link #appendOwnerReference(Object, Object, OwnerReferenceOption...)}.
     *
     * @param objs the children: a fabric8 {@code HasMetadata}, a mutable {@code Map} body, or a
     *     {@code Collection} of those
     * @param options {@link OwnerReferenceOption}s
     * @throws IllegalStateException if called outside of a handler
     */
    public static void appendOwnerReference(Object objs, OwnerReferenceOption... options) {
        appendOwnerReference(objs, null, options);
    }

    /**
     * Adds an owner reference to the children, unless they have one with the owner's uid. The
     * reference is {@code {controller, blockOwnerDeletion, apiVersion, kind, name, uid}};
     * both flags are {@code true} unless options say otherwise.
     *
     * @param objs the children: a fabric8 {@code HasMetadata}, a mutable {@code Map} body, or a
     *     {@code Collection} of those
     * @param owner a fabric8 {@code HasMetadata}, a {@link Body} or a {@code Map} body;
     *     {@code null} for the object being handled
     * @param options {@link OwnerReferenceOption}s
     * @throws IllegalStateException if the owner is {@code null} outside of a handler
     * @throws IllegalArgumentException if the owner has no uid
     */
    public static void appendOwnerReference(Object objs, Object owner,
            OwnerReferenceOption... options) {
        String method = "Kopf.appendOwnerReference()";
        Map<String, Object> ref = buildOwnerReference(owner(method, owner), options);
        HierarchyObjects.apply(method, objs, List.of(),
                obj -> Hierarchies.appendOwnerReference(obj, ref));
    }

    /**
     * Removes the object being handled from the children's owners; see
     * {@link #removeOwnerReference(Object, Object)}.
     *
     * @param objs the children: a fabric8 {@code HasMetadata}, a mutable {@code Map} body, or a
     *     {@code Collection} of those
     * @throws IllegalStateException if called outside of a handler
     */
    public static void removeOwnerReference(Object objs) {
        removeOwnerReference(objs, null);
    }

    /**
     * Removes the owner references with the owner's uid from the children.
     *
     * @param objs the children: a fabric8 {@code HasMetadata}, a mutable {@code Map} body, or a
     *     {@code Collection} of those
     * @param owner a fabric8 {@code HasMetadata}, a {@link Body} or a {@code Map} body;
     *     {@code null} for the object being handled
     * @throws IllegalStateException if the owner is {@code null} outside of a handler
     * @throws IllegalArgumentException if the owner has no uid
     */
    public static void removeOwnerReference(Object objs, Object owner) {
        String method = "Kopf.removeOwnerReference()";
        Map<String, Object> ref = buildOwnerReference(owner(method, owner));
        HierarchyObjects.apply(method, objs, List.of(),
                obj -> Hierarchies.removeOwnerReference(obj, ref));
    }

    /**
     * Gives the objects the labels of the object being handled; see
     * {@link #label(Object, Map, HierarchyOption...)}.
     *
     * @param objs a fabric8 {@code HasMetadata}, a mutable {@code Map} body, or a
     *     {@code Collection} of those
     * @param options {@link HierarchyOption#FORCED}, {@link HierarchyOption#nested}
     * @throws IllegalStateException if called outside of a handler
     */
    public static void label(Object objs, HierarchyOption... options) {
        String method = "Kopf.label()";
        Options checked = Options.check(method, options, "FORCED", HierarchyObjects.NESTED_ANY);
        Map<String, String> labels = HierarchyObjects.labels(owner(method, null));
        HierarchyObjects.apply(method, objs, checked.nested(),
                obj -> Hierarchies.label(obj, labels, checked.forced()));
    }

    /**
     * Adds labels to the objects, keeping the values of labels they have unless forced.
     *
     * <pre>{@code
     * Kopf.label(deployment, Map.of("app", "db"), HierarchyOption.nested("spec.template"));
     * }</pre>
     *
     * @param objs a fabric8 {@code HasMetadata}, a mutable {@code Map} body, or a
     *     {@code Collection} of those
     * @param labels the labels
     * @param options {@link HierarchyOption#FORCED}, {@link HierarchyOption#nested}
     */
    public static void label(Object objs, Map<String, String> labels,
            HierarchyOption... options) {
        String method = "Kopf.label()";
        Options checked = Options.check(method, options, "FORCED", HierarchyObjects.NESTED_ANY);
        Map<String, String> copy = new LinkedHashMap<>(labels);
        HierarchyObjects.apply(method, objs, checked.nested(),
                obj -> Hierarchies.label(obj, copy, checked.forced()));
    }

    /**
     * Names the objects after the object being handled; see
     * {@link #harmonizeNaming(Object, String, HierarchyOption...)}.
     *
     * @param objs a fabric8 {@code HasMetadata}, a mutable {@code Map} body, or a
     *     {@code Collection} of those
     * @param options {@link HierarchyOption#FORCED}, {@link HierarchyOption#STRICT}
     * @throws IllegalStateException if called outside of a handler
     */
    public static void harmonizeNaming(Object objs, HierarchyOption... options) {
        String name = HierarchyObjects.metadataString(owner("Kopf.harmonizeNaming()", null),
                "name");
        harmonizeNaming(objs, name, options);
    }

    /**
     * Names the objects that have neither {@code metadata.name} nor
     * {@code metadata.generateName} (all of them if forced): by default
     * {@code generateName: <name>-}, so that Kubernetes adds a unique suffix; with
     * {@link HierarchyOption#STRICT}, {@code name: <name>}. The other field is removed.
     *
     * @param objs a fabric8 {@code HasMetadata}, a mutable {@code Map} body, or a
     *     {@code Collection} of those
     * @param name the name or prefix
     * @param options {@link HierarchyOption#FORCED}, {@link HierarchyOption#STRICT}
     * @throws IllegalArgumentException if the name is {@code null}
     */
    public static void harmonizeNaming(Object objs, String name, HierarchyOption... options) {
        String method = "Kopf.harmonizeNaming()";
        Options checked = Options.check(method, options, "FORCED", "STRICT");
        String checkedName = requireName(method, name);
        HierarchyObjects.apply(method, objs, List.of(), obj -> Hierarchies.harmonizeNaming(obj,
                checkedName, checked.forced(), checked.strict()));
    }

    /**
     * Puts the objects into the namespace of the object being handled; see
     * {@link #adjustNamespace(Object, String, HierarchyOption...)}.
     *
     * @param objs a fabric8 {@code HasMetadata}, a mutable {@code Map} body, or a
     *     {@code Collection} of those
     * @param options {@link HierarchyOption#FORCED}
     * @throws IllegalStateException if called outside of a handler
     */
    public static void adjustNamespace(Object objs, HierarchyOption... options) {
        String namespace = HierarchyObjects.metadataString(
                owner("Kopf.adjustNamespace()", null), "namespace");
        adjustNamespace(objs, namespace, options);
    }

    /**
     * Sets the namespace of the objects that have none (of all of them if forced).
     *
     * @param objs a fabric8 {@code HasMetadata}, a mutable {@code Map} body, or a
     *     {@code Collection} of those
     * @param namespace the namespace; {@code null} (of a cluster-scoped owner) is written as is
     * @param options {@link HierarchyOption#FORCED}
     */
    public static void adjustNamespace(Object objs, String namespace,
            HierarchyOption... options) {
        String method = "Kopf.adjustNamespace()";
        Options checked = Options.check(method, options, "FORCED");
        HierarchyObjects.apply(method, objs, List.of(),
                obj -> Hierarchies.adjustNamespace(obj, namespace, checked.forced()));
    }

    /**
     * Builds an owner reference to an object: {@code controller, blockOwnerDeletion,
     * apiVersion, kind, name, uid}, leaving out the fields the object lacks.
     *
     * @param owner a fabric8 {@code HasMetadata}, a {@link Body} or a {@code Map} body
     * @param options {@link OwnerReferenceOption}s
     * @return a new mutable map
     */
    public static Map<String, Object> buildOwnerReference(Object owner,
            OwnerReferenceOption... options) {
        List<OwnerReferenceOption> given = options == null ? List.of() : List.of(options);
        return Hierarchies.buildOwnerReference(
                HierarchyObjects.body("Kopf.buildOwnerReference()", owner),
                !given.contains(OwnerReferenceOption.NOT_CONTROLLER),
                !given.contains(OwnerReferenceOption.NOT_BLOCKING_OWNER_DELETION));
    }

    /**
     * Builds an object reference, as used by Kubernetes Events: {@code apiVersion, kind,
     * name, uid, namespace}, leaving out the fields the object lacks or has empty.
     *
     * @param obj a fabric8 {@code HasMetadata}, a {@link Body} or a {@code Map} body
     * @return a new mutable map
     */
    public static Map<String, Object> buildObjectReference(Object obj) {
        return Hierarchies.buildObjectReference(
                HierarchyObjects.body("Kopf.buildObjectReference()", obj));
    }

    private static Map<String, Object> owner(String method, Object owner) {
        if (owner != null) {
            return HierarchyObjects.body(method, owner);
        }
        Context context = CurrentContext.get();
        if (context == null || context.body() == null) {
            throw new IllegalStateException("The owner must be passed to " + method
                    + " explicitly, since it is called outside of a handler.");
        }
        return context.body().asMap();
    }

    private static String requireName(String method, String name) {
        if (name == null) {
            throw new IllegalArgumentException(method + " needs a name, but none was given and"
                    + " the owner has no metadata.name. Pass the name explicitly.");
        }
        return name;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(Object object) {
        if (object instanceof Body body) {
            return body.asMap();
        } else if (object instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        } else if (object instanceof HasMetadata resource) {
            return Json.MAPPER.convertValue(resource, LinkedHashMap.class);
        }
        throw new IllegalArgumentException("Events can be posted about fabric8 objects, bodies "
                + "or maps; got: " + (object == null ? "null" : object.getClass().getName()));
    }
}
