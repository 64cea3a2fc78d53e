package dev.kopf;

import dev.kopf.HandlerFunctions.Fn1;
import dev.kopf.HandlerFunctions.Fn2;
import dev.kopf.HandlerFunctions.Fn3;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Registers handlers as functions, for code that cannot use annotated classes: DI
 * containers, generated handlers, handlers chosen at run time. Each method mirrors a handler
 * annotation, and {@link HandlerDeclaration} takes the annotation's options.
 *
 * <pre>{@code
 * HandlerRegistry registry = new HandlerRegistry();
 * registry.onCreate("kopfexamples", (Spec spec, Patch patch) -> Map.of("seen", true));
 * registry.onUpdate("kopfexamples").field("spec.field").retries(3)
 *         .handle((Diff diff, Logger logger) -> null);
 * Operator.builder().handlers(registry)...
 * }</pre>
 *
 * <p>The functions are checked when the operator is built, together with the annotated
 * handlers, and every problem is reported at once. A handler given as a lambda has the id of
 * its method (for a method reference) or of its annotation ({@code onCreate}); give each
 * lambda of one resource and cause its own {@link HandlerDeclaration#id id}.
 *
 * <p>Mutable; fill it before building the operator. Not thread-safe.
 *
 * @since 0.2
 */
public final class HandlerRegistry {

    private final List<Registration> registrations = new ArrayList<>();

    /** Creates an empty registry. */
    public HandlerRegistry() {
    }

    /**
     * One registered handler, as discovery reads it.
     *
     * @param annotation the annotation whose handler this is, e.g. {@code OnCreate.class}
     * @param options the annotation's options by attribute name, with the attribute's types
     *     (seconds as {@code Double})
     * @param fn the handler, one of {@link HandlerFunctions}'s types
     * @param when the {@code when} filter, or {@code null}
     * @param valueFilters per-value filters by option name ({@code labels:<key>},
     *     {@code annotations:<key>}, {@code fieldValue}, {@code oldValue},
     *     {@code newValue}), each a {@code java.util.function.Predicate}
     * @since 0.2
     */
    public record Registration(Class<? extends Annotation> annotation,
            Map<String, Object> options, Object fn, Object when,
            Map<String, Object> valueFilters) {

        /** Copies the maps. */
        public Registration {
            Objects.requireNonNull(annotation, "annotation");
            Objects.requireNonNull(fn, "fn");
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
            valueFilters = Collections.unmodifiableMap(new LinkedHashMap<>(valueFilters));
        }

        /**
         * Returns how messages name the registration.
         *
         * @return e.g. {@code registry.onCreate("kopfexamples")}
         */
        public String title() {
            String name = annotation.getSimpleName();
            String method = Character.toLowerCase(name.charAt(0)) + name.substring(1);
            Object resource = options.get("value");
            return "registry." + method + "(" + (resource == null ? "" : "\"" + resource + "\"")
                    + ")";
        }
    }

    /**
     * Returns what has been registered, in order.
     *
     * @return the registrations
     */
    public List<Registration> registrations() {
        return List.copyOf(registrations);
    }

    void add(Registration registration) {
        registrations.add(registration);
    }

    private HandlerDeclaration declare(Class<? extends Annotation> annotation,
            String resource) {
        Map<String, Object> options = new LinkedHashMap<>();
        if (resource != null) {
            options.put("value", Objects.requireNonNull(resource, "resource"));
        }
        return new HandlerDeclaration(this, annotation, options);
    }

    /**
     * Declares a creation handler, as {@link OnCreate}.
     *
     * @param resource the resource, as {@link OnCreate#value()}
     * @return the declaration, to set options and then the function
     */
    public HandlerDeclaration onCreate(String resource) {
        return declare(OnCreate.class, resource);
    }

    /**
     * Declares an update handler, as {@link OnUpdate}.
     *
     * @param resource the resource, as {@link OnUpdate#value()}
     * @return the declaration, to set options and then the function
     */
    public HandlerDeclaration onUpdate(String resource) {
        return declare(OnUpdate.class, resource);
    }

    /**
     * Declares a deletion handler, as {@link OnDelete}.
     *
     * @param resource the resource, as {@link OnDelete#value()}
     * @return the declaration, to set options and then the function
     */
    public HandlerDeclaration onDelete(String resource) {
        return declare(OnDelete.class, resource);
    }

    /**
     * Declares a resuming handler, as {@link OnResume}.
     *
     * @param resource the resource, as {@link OnResume#value()}
     * @return the declaration, to set options and then the function
     */
    public HandlerDeclaration onResume(String resource) {
        return declare(OnResume.class, resource);
    }

    /**
     * Declares a field handler, as {@link OnField}.
     *
     * @param resource the resource, as {@link OnField#value()}
     * @param field the field, as {@link OnField#field()}
     * @return the declaration, to set options and then the function
     */
    public HandlerDeclaration onField(String resource, String field) {
        return declare(OnField.class, resource).field(field);
    }

    /**
     * Declares an event handler, as {@link OnEvent}.
     *
     * @param resource the resource, as {@link OnEvent#value()}
     * @return the declaration, to set options and then the function
     */
    public HandlerDeclaration onEvent(String resource) {
        return declare(OnEvent.class, resource);
    }

    /**
     * Declares a daemon, as {@link Daemon}.
     *
     * @param resource the resource, as {@link Daemon#value()}
     * @return the declaration, to set options and then the function
     */
    public HandlerDeclaration daemon(String resource) {
        return declare(Daemon.class, resource);
    }

    /**
     * Declares a timer, as {@link Timer}; give its
     * {@link HandlerDeclaration#interval interval} or {@link HandlerDeclaration#idle idle}.
     *
     * @param resource the resource, as {@link Timer#value()}
     * @return the declaration, to set options and then the function
     */
    public HandlerDeclaration timer(String resource) {
        return declare(Timer.class, resource);
    }

    /**
     * Declares an index, as {@link Index}.
     *
     * @param resource the resource, as {@link Index#value()}
     * @return the declaration, to set options and then the function
     */
    public HandlerDeclaration index(String resource) {
        return declare(Index.class, resource);
    }

    /**
     * Declares a startup handler, as {@link OnStartup}.
     *
     * @return the declaration, to set options and then the function
     */
    public HandlerDeclaration onStartup() {
        return declare(OnStartup.class, null);
    }

    /**
     * Declares a cleanup handler, as {@link OnCleanup}.
     *
     * @return the declaration, to set options and then the function
     */
    public HandlerDeclaration onCleanup() {
        return declare(OnCleanup.class, null);
    }

    /**
     * Declares a probe, as {@link OnProbe}.
     *
     * @return the declaration, to set options and then the function
     */
    public HandlerDeclaration onProbe() {
        return declare(OnProbe.class, null);
    }

    /**
     * Declares a login handler, as {@link OnLogin}; it returns a {@link ConnectionInfo}.
     *
     * @return the declaration, to set options and then the function
     */
    public HandlerDeclaration onLogin() {
        return declare(OnLogin.class, null);
    }

    /**
     * Registers a creation handler with default options.
     *
     * @param resource the resource, as {@link OnCreate#value()}
     * @param fn the handler
     * @param <A> the injected type
     * @return this registry
     */
    public <A> HandlerRegistry onCreate(String resource, Fn1<A> fn) {
        return onCreate(resource).handle(fn);
    }

    /**
     * Registers a creation handler with default options.
     *
     * @param resource the resource, as {@link OnCreate#value()}
     * @param fn the handler
     * @param <A> the first injected type
     * @param <B> the second injected type
     * @return this registry
     */
    public <A, B> HandlerRegistry onCreate(String resource, Fn2<A, B> fn) {
        return onCreate(resource).handle(fn);
    }

    /**
     * Registers a creation handler with default options.
     *
     * @param resource the resource, as {@link OnCreate#value()}
     * @param fn the handler
     * @param <A> the first injected type
     * @param <B> the second injected type
     * @param <C> the third injected type
     * @return this registry
     */
    public <A, B, C> HandlerRegistry onCreate(String resource, Fn3<A, B, C> fn) {
        return onCreate(resource).handle(fn);
    }

    /**
     * Registers an update handler with default options.
     *
     * @param resource the resource, as {@link OnUpdate#value()}
     * @param fn the handler
     * @param <A> the injected type
     * @return this registry
     */
    public <A> HandlerRegistry onUpdate(String resource, Fn1<A> fn) {
        return onUpdate(resource).handle(fn);
    }

    /**
     * Registers an update handler with default options.
     *
     * @param resource the resource, as {@link OnUpdate#value()}
     * @param fn the handler
     * @param <A> the first injected type
     * @param <B> the second injected type
     * @return this registry
     */
    public <A, B> HandlerRegistry onUpdate(String resource, Fn2<A, B> fn) {
        return onUpdate(resource).handle(fn);
    }

    /**
     * Registers a deletion handler with default options.
     *
     * @param resource the resource, as {@link OnDelete#value()}
     * @param fn the handler
     * @param <A> the injected type
     * @return this registry
     */
    public <A> HandlerRegistry onDelete(String resource, Fn1<A> fn) {
        return onDelete(resource).handle(fn);
    }

    /**
     * Registers a deletion handler with default options.
     *
     * @param resource the resource, as {@link OnDelete#value()}
     * @param fn the handler
     * @param <A> the first injected type
     * @param <B> the second injected type
     * @return this registry
     */
    public <A, B> HandlerRegistry onDelete(String resource, Fn2<A, B> fn) {
        return onDelete(resource).handle(fn);
    }

    /**
     * Registers a resuming handler with default options.
     *
     * @param resource the resource, as {@link OnResume#value()}
     * @param fn the handler
     * @param <A> the injected type
     * @return this registry
     */
    public <A> HandlerRegistry onResume(String resource, Fn1<A> fn) {
        return onResume(resource).handle(fn);
    }

    /**
     * Registers an event handler with default options.
     *
     * @param resource the resource, as {@link OnEvent#value()}
     * @param fn the handler
     * @param <A> the injected type
     * @return this registry
     */
    public <A> HandlerRegistry onEvent(String resource, Fn1<A> fn) {
        return onEvent(resource).handle(fn);
    }

    /**
     * Registers an event handler with default options.
     *
     * @param resource the resource, as {@link OnEvent#value()}
     * @param fn the handler
     * @param <A> the first injected type
     * @param <B> the second injected type
     * @return this registry
     */
    public <A, B> HandlerRegistry onEvent(String resource, Fn2<A, B> fn) {
        return onEvent(resource).handle(fn);
    }
}
