package dev.kopf;

import dev.kopf.HandlerFunctions.Fn0;
import dev.kopf.HandlerFunctions.Fn1;
import dev.kopf.HandlerFunctions.Fn2;
import dev.kopf.HandlerFunctions.Fn3;
import dev.kopf.HandlerFunctions.Fn4;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The options of one handler registered in a {@link HandlerRegistry}, named and meaning as
 * the attributes of the handler's annotation, then the function with {@code handle(...)}.
 *
 * <pre>{@code
 * registry.onUpdate("kopfexamples").id("resize").field("spec.size").retries(3)
 *         .timeout(Duration.ofMinutes(5)).handle((Spec spec, Patch patch) -> null);
 * }</pre>
 *
 * <p>An option the annotation does not have (e.g. {@code interval} of a create handler) is
 * a declaration error when the operator is built, as are invalid values.
 *
 * @since 0.2
 */
public final class HandlerDeclaration {

    private final HandlerRegistry registry;
    private final Class<? extends Annotation> annotation;
    private final Map<String, Object> options;
    private final Map<String, Object> valueFilters = new LinkedHashMap<>();
    private Object when;

    HandlerDeclaration(HandlerRegistry registry, Class<? extends Annotation> annotation,
            Map<String, Object> options) {
        this.registry = registry;
        this.annotation = annotation;
        this.options = options;
    }

    private HandlerDeclaration set(String name, Object value) {
        options.put(name, Objects.requireNonNull(value, name));
        return this;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /**
     * Sets the id, as the annotations' {@code id}.
     *
     * @param value the id
     * @return this declaration
     */
    public HandlerDeclaration id(String value) {
        return set("id", value);
    }

    /**
     * Sets the API group, as the annotations' {@code group}.
     *
     * @param value the group
     * @return this declaration
     */
    public HandlerDeclaration group(String value) {
        return set("group", value);
    }

    /**
     * Sets the API version, as the annotations' {@code version}.
     *
     * @param value the version
     * @return this declaration
     */
    public HandlerDeclaration version(String value) {
        return set("version", value);
    }

    /**
     * Sets label filters, as the annotations' {@code labels}: {@code "key=value"},
     * {@code "key"} (present), {@code "!key"} (absent).
     *
     * @param values the filters
     * @return this declaration
     */
    public HandlerDeclaration labels(String... values) {
        return set("labels", values.clone());
    }

    /**
     * Filters by a label's value with a predicate, as Kopf's callback label filters; the
     * predicate gets {@code null} when the label is absent.
     *
     * @param key the label key
     * @param value the predicate of the label's value
     * @return this declaration
     */
    public HandlerDeclaration label(String key, Predicate<String> value) {
        valueFilters.put("labels:" + Objects.requireNonNull(key, "key"),
                Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Sets annotation filters, as the annotations' {@code annotations}.
     *
     * @param values the filters: {@code "key=value"}, {@code "key"}, {@code "!key"}
     * @return this declaration
     */
    public HandlerDeclaration annotations(String... values) {
        return set("annotations", values.clone());
    }

    /**
     * Filters by an annotation's value with a predicate; see {@link #label}.
     *
     * @param key the annotation key
     * @param value the predicate of the annotation's value
     * @return this declaration
     */
    public HandlerDeclaration annotation(String key, Predicate<String> value) {
        valueFilters.put("annotations:" + Objects.requireNonNull(key, "key"),
                Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Sets the field, as the annotations' {@code field}.
     *
     * @param value a dotted path, e.g. {@code spec.size}
     * @return this declaration
     */
    public HandlerDeclaration field(String value) {
        return set("field", value);
    }

    /**
     * Filters by the field's value, as the annotations' {@code fieldValue}.
     *
     * @param value a literal, {@link Kopf#PRESENT} or {@link Kopf#ABSENT}
     * @return this declaration
     */
    public HandlerDeclaration fieldValue(String value) {
        return set("fieldValue", value);
    }

    /**
     * Filters by the field's value with a predicate, as Kopf's {@code value=callback}; it
     * gets the value ({@code null} when the field is absent).
     *
     * @param value the predicate
     * @return this declaration
     */
    public HandlerDeclaration fieldValue(Predicate<Object> value) {
        valueFilters.put("fieldValue", Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Filters by the field's old value, as the annotations' {@code oldValue}.
     *
     * @param value a literal, {@link Kopf#PRESENT} or {@link Kopf#ABSENT}
     * @return this declaration
     */
    public HandlerDeclaration oldValue(String value) {
        return set("oldValue", value);
    }

    /**
     * Filters by the field's old value with a predicate, as Kopf's {@code old=callback}.
     *
     * @param value the predicate; it gets {@code null} when the field was absent
     * @return this declaration
     */
    public HandlerDeclaration oldValue(Predicate<Object> value) {
        valueFilters.put("oldValue", Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Filters by the field's new value, as the annotations' {@code newValue}.
     *
     * @param value a literal, {@link Kopf#PRESENT} or {@link Kopf#ABSENT}
     * @return this declaration
     */
    public HandlerDeclaration newValue(String value) {
        return set("newValue", value);
    }

    /**
     * Filters by the field's new value with a predicate, as Kopf's {@code new=callback}.
     *
     * @param value the predicate; it gets {@code null} when the field is absent
     * @return this declaration
     */
    public HandlerDeclaration newValue(Predicate<Object> value) {
        valueFilters.put("newValue", Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Sets the {@code when} filter: it runs only when this returns {@code true}.
     *
     * @param filter the filter, taking injectable values
     * @param <A> the injected type
     * @return this declaration
     */
    public <A> HandlerDeclaration when(Fn1<A> filter) {
        when = Objects.requireNonNull(filter, "filter");
        return this;
    }

    /**
     * Sets the {@code when} filter; see {@link #when(Fn1)}.
     *
     * @param filter the filter, taking injectable values
     * @param <A> the first injected type
     * @param <B> the second injected type
     * @return this declaration
     */
    public <A, B> HandlerDeclaration when(Fn2<A, B> filter) {
        when = Objects.requireNonNull(filter, "filter");
        return this;
    }

    /**
     * Sets how unexpected exceptions are treated, as the annotations' {@code errors}.
     *
     * @param value the mode
     * @return this declaration
     */
    public HandlerDeclaration errors(ErrorsMode value) {
        return set("errors", value);
    }

    /**
     * Sets the number of attempts, as the annotations' {@code retries}.
     *
     * @param value at least 1
     * @return this declaration
     */
    public HandlerDeclaration retries(int value) {
        return set("retries", value);
    }

    /**
     * Sets the time limit since the first attempt, as the annotations' {@code timeout}.
     *
     * @param value the limit
     * @return this declaration
     */
    public HandlerDeclaration timeout(Duration value) {
        return set("timeout", seconds(value));
    }

    /**
     * Sets the delay after unexpected exceptions, as the annotations' {@code backoff}.
     *
     * @param value the delay
     * @return this declaration
     */
    public HandlerDeclaration backoff(Duration value) {
        return set("backoff", seconds(value));
    }

    /**
     * Sets the free value passed to the handler, as the annotations' {@code param}.
     *
     * @param value the value
     * @return this declaration
     */
    public HandlerDeclaration param(String value) {
        return set("param", value);
    }

    /**
     * Makes a deletion handler optional (no finalizer), as {@link OnDelete#optional()}.
     *
     * @return this declaration
     */
    public HandlerDeclaration optional() {
        return set("optional", true);
    }

    /**
     * Makes a resuming handler run for objects being deleted, as
     * {@link OnResume#deleted()}.
     *
     * @return this declaration
     */
    public HandlerDeclaration deleted() {
        return set("deleted", true);
    }

    /**
     * Sets a timer's interval, as {@link Timer#interval()}.
     *
     * @param value the interval
     * @return this declaration
     */
    public HandlerDeclaration interval(Duration value) {
        return set("interval", seconds(value));
    }

    /**
     * Sets a timer's idle time, as {@link Timer#idle()}.
     *
     * @param value the time without changes
     * @return this declaration
     */
    public HandlerDeclaration idle(Duration value) {
        return set("idle", seconds(value));
    }

    /**
     * Keeps a timer on a grid of intervals, as {@link Timer#sharp()}.
     *
     * @return this declaration
     */
    public HandlerDeclaration sharp() {
        return set("sharp", true);
    }

    /**
     * Sets the delay before a daemon or timer starts, as {@link Daemon#initialDelay()}.
     *
     * @param value the delay
     * @return this declaration
     */
    public HandlerDeclaration initialDelay(Duration value) {
        return set("initialDelay", seconds(value));
    }

    /**
     * Sets a daemon's cancellation backoff, as {@link Daemon#cancellationBackoff()}.
     *
     * @param value the delay
     * @return this declaration
     */
    public HandlerDeclaration cancellationBackoff(Duration value) {
        return set("cancellationBackoff", seconds(value));
    }

    /**
     * Sets a daemon's cancellation timeout, as {@link Daemon#cancellationTimeout()}.
     *
     * @param value the timeout
     * @return this declaration
     */
    public HandlerDeclaration cancellationTimeout(Duration value) {
        return set("cancellationTimeout", seconds(value));
    }

    /**
     * Sets a daemon's cancellation polling, as {@link Daemon#cancellationPolling()}.
     *
     * @param value the period
     * @return this declaration
     */
    public HandlerDeclaration cancellationPolling(Duration value) {
        return set("cancellationPolling", seconds(value));
    }

    private HandlerRegistry register(Object fn) {
        registry.add(new HandlerRegistry.Registration(annotation, options,
                Objects.requireNonNull(fn, "fn"), when, valueFilters));
        return registry;
    }

    /**
     * Registers the handler with a function of no values.
     *
     * @param fn the handler
     * @return the registry
     */
    public HandlerRegistry handle(Fn0 fn) {
        return register(fn);
    }

    /**
     * Registers the handler with a function of one injected value.
     *
     * @param fn the handler
     * @param <A> the injected type
     * @return the registry
     */
    public <A> HandlerRegistry handle(Fn1<A> fn) {
        return register(fn);
    }

    /**
     * Registers the handler with a function of two injected values.
     *
     * @param fn the handler
     * @param <A> the first injected type
     * @param <B> the second injected type
     * @return the registry
     */
    public <A, B> HandlerRegistry handle(Fn2<A, B> fn) {
        return register(fn);
    }

    /**
     * Registers the handler with a function of three injected values.
     *
     * @param fn the handler
     * @param <A> the first injected type
     * @param <B> the second injected type
     * @param <C> the third injected type
     * @return the registry
     */
    public <A, B, C> HandlerRegistry handle(Fn3<A, B, C> fn) {
        return register(fn);
    }

    /**
     * Registers the handler with a function of four injected values.
     *
     * @param fn the handler
     * @param <A> the first injected type
     * @param <B> the second injected type
     * @param <C> the third injected type
     * @param <D> the fourth injected type
     * @return the registry
     */
    public <A, B, C, D> HandlerRegistry handle(Fn4<A, B, C, D> fn) {
        return register(fn);
    }
}
