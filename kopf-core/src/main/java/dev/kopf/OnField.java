package dev.kopf;

import java.lang.annotation.Documented;
import java.lang.annotation.Repeatable;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler called when one field of an object changes.
 *
 * <p>Runs on every cycle (creation, update) in which the {@link #field()} is affected; {@link Diff}, {@code @Old} and {@code @New} are relative to that field. As in Kopf, it also runs at creation, with an absent old value.
 *
 * <h2>Method signature</h2>
 * A public method, static or not, of a class with a public no-argument constructor (or
 * one taking operator-level injectables). A non-null return value is stored under
 * {@code status.<id>} (a map is merged there).
 *
 * <h2>Injectable parameters</h2>
 * By type, in any order: {@link Body}, {@link Spec}, {@link Meta}, {@link Status},
 * {@link Patch}, {@link Diff}, {@code @Old}/{@code @New} values, {@link Reason},
 * {@code org.slf4j.Logger}, {@link Memo}, {@link Retry}, {@link Resource},
 * {@link SubHandlers}, {@code KubernetesClient}, {@link Context}, {@code @Param String}, or a
 * fabric8 model class (the object converted to it).
 *
 * <h2>Retries and errors</h2>
 * {@link TemporaryException} retries after its delay; {@link PermanentException} stops
 * retrying until the next change; other exceptions follow {@link #errors()}. Progress is
 * stored on the object, so retries survive operator restarts.
 *
 * <pre>{@code
 * @OnField(value = "kopfexamples.kopf.dev", field = "spec.field")
 * public void fieldFn(@Old Object old, @New Object nu, Logger logger) {
 *     logger.info("Field changed: {} -> {}.", old, nu);
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(OnField.List.class)
public @interface OnField {

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
     * The handler id, used in logs and as the key of stored progress and results.
     * Default: the method name. As in Kopf, the field is appended to the id, whether given
     * or default: {@code method/spec.field}.
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
     * parameters are injected like a handler's. The handler runs only when it returns
     * {@code true}.
     *
     * @return the method name, or empty for none
     */
    String when() default "";

    /**
     * A dotted field path, e.g. {@code "spec.field"}: the handler runs only when the field is
     * present (or, for changes, is affected by the change).
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
     * The value the field (or the object, without {@code field}) must have had before the
     * change, in the same forms as {@link #fieldValue()}. Kopf's {@code old=}, renamed because
     * that word reads poorly as an annotation attribute.
     *
     * @return the expected old value, or the unset marker
     */
    String oldValue() default Kopf.UNSET;

    /**
     * The value the field (or the object) must have after the change, in the same forms as
     * {@link #fieldValue()}. Kopf's {@code new=}, renamed because {@code new} is a Java keyword.
     *
     * @return the expected new value, or the unset marker
     */
    String newValue() default Kopf.UNSET;

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
     * Holds several {@code @OnField} on one method, e.g. with different {@link #param()}
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
        OnField[] value();
    }
}
