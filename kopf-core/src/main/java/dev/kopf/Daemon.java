package dev.kopf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a daemon: a method run once per matching object, on a thread of its own, for as long
 * as the object exists and matches the filters.
 *
 * <p>Started when the object appears (or is found when the operator starts). Stopped when the
 * object is being deleted, stops matching the filters, or the operator exits: the
 * {@link DaemonStopped} flag is raised; after {@link #cancellationBackoff()} the thread is
 * interrupted; after {@link #cancellationTimeout()} more the daemon is abandoned (left
 * running) and the finalizer released. While the daemon runs, the object carries the
 * finalizer, so its deletion waits for the daemon to exit. Daemons run on virtual threads on
 * Java 21 and later, on a bounded pool of platform threads on Java 17.
 *
 * <h2>Method signature</h2>
 * A public method, static or not, of a class with a public no-argument constructor (or one
 * taking operator-level injectables). It should run until the flag is raised. A non-null
 * return value is stored under {@code status.<id>} (a map is merged there), together with
 * what it put in its {@link Patch}.
 *
 * <h2>Injectable parameters</h2>
 * By type, in any order: {@link DaemonStopped}, {@link Body} (a live view that follows the
 * object's changes), {@link Spec}, {@link Meta}, {@link Status}, {@link Patch} (applied after
 * each attempt), {@code org.slf4j.Logger}, {@link Memo} (the object's), {@link Retry},
 * {@link Resource}, {@code KubernetesClient}, {@link Context}, {@code @Param String},
 * {@code @IndexOf IndexView}, or a fabric8 model class.
 *
 * <h2>Retries and errors</h2>
 * A daemon that returns, or fails permanently, is not started again for that object until
 * the operator restarts. {@link TemporaryException}, and other exceptions in
 * {@link ErrorsMode#TEMPORARY} mode, start it again after the delay (or {@link #backoff()}),
 * within {@link #retries()} and {@link #timeout()}. An interrupt while stopping ends it.
 *
 * <pre>{@code
 * @Daemon("kopfexamples.kopf.dev")
 * public void monitor(DaemonStopped stopped, Logger logger) {
 *     while (!stopped.await(Duration.ofSeconds(10))) { logger.info("Still here."); }
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Daemon.List.class)
public @interface Daemon {

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
     * Seconds to wait after the object appears before the daemon is called. Default: none.
     *
     * @return the delay in seconds; {@code >= 0}
     */
    double initialDelay() default 0;

    /**
     * Seconds the daemon is given to exit by itself after its stop-flag is raised, before its
     * thread is interrupted. Default: none (interrupted at once when a
     * {@link #cancellationTimeout()} is set).
     *
     * @return the backoff in seconds, or NaN for none
     */
    double cancellationBackoff() default Double.NaN;

    /**
     * Seconds the daemon is given to exit after its thread is interrupted, before it is
     * abandoned (left running) and the object's finalizer is released. Default: none: on
     * deletion the finalizer is kept until the daemon exits; at operator exit, a daemon still
     * running after its backoff and the operator's {@code queueing.exitTimeout} is abandoned
     * with a warning.
     *
     * @return the timeout in seconds, or NaN for none
     */
    double cancellationTimeout() default Double.NaN;

    /**
     * Seconds between reports that a daemon without {@link #cancellationTimeout()} is still
     * exiting. Default: the operator's {@code background.cancellationPolling} (60 seconds).
     *
     * @return the interval in seconds, or NaN for the default
     */
    double cancellationPolling() default Double.NaN;

    /**
     * Holds several {@code @Daemon} on one method, e.g. with different {@link #param()}
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
        Daemon[] value();
    }
}
