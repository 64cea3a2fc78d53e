package dev.kopf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an index handler: called for each matching object on every change; its results form
 * an in-memory index that other handlers read as {@code @IndexOf("id") IndexView<K, V>}.
 *
 * <p>A map result puts each entry under its key; any other non-null result goes under the
 * {@code null} key; {@code null} adds nothing. An object's entries are replaced on each change,
 * and removed when the object is deleted or stops matching the filters. Every index is
 * complete (the initial listing of every indexed resource is indexed) before the first
 * resource handler, daemon or timer runs. Keep index handlers quick and free of side
 * effects: they may be called more than once for one state of an object.
 *
 * <h2>Method signature</h2>
 * A public method, static or not, of a class with a public no-argument constructor (or one
 * taking operator-level injectables). The return value is the object's entries; nothing is
 * stored on the object.
 *
 * <h2>Injectable parameters</h2>
 * By type, in any order: {@link Body}, {@link Spec}, {@link Meta}, {@link Status},
 * {@code org.slf4j.Logger}, {@link Memo} (the object's), {@link Retry}, {@link Resource},
 * {@code KubernetesClient}, {@link Context}, {@code @Param String},
 * {@code @IndexOf IndexView}, or a fabric8 model class.
 *
 * <h2>Retries and errors</h2>
 * As in Kopf: by default ({@link ErrorsMode#IGNORED}), an exception is logged and the
 * object's previous entries stay in the index (stale, but good enough until the next
 * success), as when the method returns {@code null}. After {@link PermanentException}, or
 * any exception in {@link ErrorsMode#PERMANENT} mode, the object's entries are removed and
 * the method is not called for it again until it is deleted or the operator restarts. In
 * {@link ErrorsMode#TEMPORARY} mode, and after {@link TemporaryException}, the entries are
 * removed and the call is repeated on the object's next event once the delay has passed.
 *
 * <pre>{@code
 * @Index("pods")
 * public Map<String, String> podsByNamespace(Meta meta) {
 *     return Map.of(meta.namespace(), meta.name());
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Index.List.class)
public @interface Index {

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
     * The handler id, used in logs and as the name given to {@link IndexOf}. Default: the
     * method name.
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
     * How unexpected exceptions are treated. Default: {@link ErrorsMode#IGNORED}.
     *
     * @return the errors mode
     */
    ErrorsMode errors() default ErrorsMode.IGNORED;

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
     * Holds several {@code @Index} on one method, e.g. with different {@link #param()}
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
        Index[] value();
    }
}
