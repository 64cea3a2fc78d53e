package dev.kopf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a timer: a method called periodically for each matching object, for as long as the
 * object exists and matches the filters.
 *
 * <p>Called every {@link #interval()} seconds after the previous call has ended, or on a
 * fixed grid with {@link #sharp()}; with {@link #idle()}, only once the object has had no
 * essential change for that long. A timer never overlaps itself, and holds no thread while it
 * waits. While it exists, the object carries the finalizer. It stops when the object is being
 * deleted, stops matching the filters, or the operator exits; a call in progress is waited
 * for.
 *
 * <h2>Method signature</h2>
 * A public method, static or not, of a class with a public no-argument constructor (or one
 * taking operator-level injectables). After each call, a non-null return value is stored
 * under {@code status.<id>} (a map is merged there), together with what it put in its
 * {@link Patch}.
 *
 * <h2>Injectable parameters</h2>
 * By type, in any order: {@link Body} (a live view that follows the object's changes),
 * {@link Spec}, {@link Meta}, {@link Status}, {@link Patch}, {@code org.slf4j.Logger},
 * {@link Memo} (the object's), {@link Retry}, {@link DaemonStopped}, {@link Resource},
 * {@code KubernetesClient}, {@link Context}, {@code @Param String},
 * {@code @IndexOf IndexView}, or a fabric8 model class.
 *
 * <h2>Retries and errors</h2>
 * After {@link TemporaryException}, and other exceptions in {@link ErrorsMode#TEMPORARY}
 * mode, the next call comes after the delay (or {@link #backoff()}) instead of the interval;
 * {@link #retries()} and {@link #timeout()} count the failed calls in a row, and a success
 * starts the count again. After a permanent failure, the next call comes at the interval.
 *
 * <pre>{@code
 * @Timer(value = "kopfexamples.kopf.dev", interval = 60, idle = 10)
 * public Map<String, Object> check(Spec spec) {
 *     return Map.of("checked", Instant.now().toString());
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Timer.List.class)
public @interface Timer {

    /**
     * The resource, in any of kubectl's forms: {@code "pods"}, {@code "deployments.apps"},
     * {@code "kopfexamples.kopf.dev"}, {@code "kopfexamples.v1.kopf.dev"}, a kind or a short
     * name. Empty when {@link #group()}, {@link #version()}, {@link #plural()} or
     * {@link #kind()} are given instead.
     *
     * @return the resource selector
     */
    String value() default "";

    /**
     * The API group; empty for any group (as kubectl, the core group wins when a name is
     * served by several groups).
     *
     * @return the group
     */
    String group() default "";

    /**
     * The API version; empty for the preferred version.
     *
     * @return the version
     */
    String version() default "";

    /**
     * The plural name, e.g. {@code kopfexamples}.
     *
     * @return the plural
     */
    String plural() default "";

    /**
     * The kind, e.g. {@code KopfExample}.
     *
     * @return the kind
     */
    String kind() default "";

    /**
     * The handler id, used in logs and as the key of its results. Default: the method name.
     *
     * @return the id, or empty for the default
     */
    String id() default "";

    /**
     * Label filters: {@code "key=value"} (equal), {@code "key"} (present), {@code "!key"}
     * (absent). All must match.
     *
     * @return the label filters
     */
    String[] labels() default {};

    /**
     * Annotation filters, in the same forms as {@link #labels()}.
     *
     * @return the annotation filters
     */
    String[] annotations() default {};

    /**
     * The name of a public method in the same class that returns {@code boolean}; its
     * parameters are injected like this handler's. The handler applies only while it returns
     * {@code true}.
     *
     * @return the method name, or empty for none
     */
    String when() default "";

    /**
     * A dotted field path, e.g. {@code "spec.field"}: the handler applies only while the
     * field is present (or has {@link #fieldValue()}).
     *
     * @return the field path, or empty for none
     */
    String field() default "";

    /**
     * The value the {@link #field()} must have: a literal compared with the field's value
     * rendered as text, or {@link Kopf#PRESENT} or {@link Kopf#ABSENT}. Named
     * {@code fieldValue} because {@code value} selects the resource (Kopf's {@code value=}).
     *
     * @return the expected value, or the unset marker
     */
    String fieldValue() default Kopf.UNSET;

    /**
     * How unexpected exceptions are treated. Default: {@link ErrorsMode#TEMPORARY}.
     *
     * @return the errors mode
     */
    ErrorsMode errors() default ErrorsMode.TEMPORARY;

    /**
     * How many attempts are made before the handler fails permanently with
     * {@link HandlerRetriesException}. Default: unlimited.
     *
     * @return the number of attempts; must be {@code >= 1} when given
     */
    int retries() default Integer.MAX_VALUE;

    /**
     * Seconds since the first attempt after which the handler fails permanently with
     * {@link HandlerTimeoutException}. Default: none.
     *
     * @return the timeout in seconds
     */
    double timeout() default Double.POSITIVE_INFINITY;

    /**
     * Seconds to wait before retrying after an unexpected exception. Default: the operator's
     * {@code execution.defaultBackoff} (60 seconds).
     *
     * @return the backoff in seconds, or NaN for the default
     */
    double backoff() default Double.NaN;

    /**
     * A free value passed to the handler as its {@code String} parameter annotated
     * {@link Param}, so that one method can serve several annotations.
     *
     * @return the parameter
     */
    String param() default "";

    /**
     * Seconds between calls: from the end of one call to the start of the next, or between
     * the starts with {@link #sharp()}. Default: none (with {@link #idle()}, one call after
     * each quiet period).
     *
     * @return the interval in seconds, or NaN for none
     */
    double interval() default Double.NaN;

    /**
     * Seconds without essential changes of the object before the timer is called; any
     * essential change starts the wait again. Default: none.
     *
     * @return the idle time in seconds, or NaN for none
     */
    double idle() default Double.NaN;

    /**
     * Whether calls keep to a fixed grid of {@link #interval()} seconds, however long each
     * call takes (a call that overruns skips the grid points it covered).
     *
     * @return {@code true} for a fixed schedule
     */
    boolean sharp() default false;

    /**
     * Seconds to wait after the object appears before the first call. Default: none.
     *
     * @return the delay in seconds; {@code >= 0}
     */
    double initialDelay() default 0;

    /**
     * Holds several {@code @Timer} on one method, e.g. with different {@link #param()}
     * values and ids, as stacked decorators in Kopf. Written by the compiler; not used directly.
     *
     * @since 0.1
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        /**
         * The repeated annotations.
         *
         * @return the annotations, in source order
         */
        Timer[] value();
    }
}
