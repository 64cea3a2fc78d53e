package dev.kopf;

import java.lang.annotation.Documented;
import java.lang.annotation.Repeatable;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler called for every raw watch event of matching objects.
 *
 * <p>A low-level spy: no causes, no diffs, no progress and no finalizers. {@link RawEvent#type()} is {@code null} for the initial listing, then {@code ADDED}, {@code MODIFIED} or {@code DELETED}.
 *
 * <h2>Method signature</h2>
 * A public method, static or not, of a class with a public no-argument constructor (or
 * one taking operator-level injectables). The return value is ignored.
 *
 * <h2>Injectable parameters</h2>
 * By type, in any order: {@link RawEvent}, {@link Body}, {@link Spec}, {@link Meta},
 * {@link Status}, {@link Patch}, {@code org.slf4j.Logger}, {@link Memo}, {@link Resource},
 * {@code KubernetesClient}, {@link Context}, {@code @Param String}, or a fabric8 model class.
 *
 * <h2>Retries and errors</h2>
 * None: exceptions are logged and ignored, and nothing is stored on the object.
 *
 * <pre>{@code
 * @OnEvent("pods")
 * public void eventFn(RawEvent event, Logger logger) {
 *     logger.info("Event: {}.", event.type());
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(OnEvent.List.class)
public @interface OnEvent {

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
     * Default: the method name.
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
     * A free value passed to the handler as its {@code String} parameter annotated
     * {@link Param}, so that one method can serve several annotations.
     *
     * @return the parameter
     */
    String param() default "";

    /**
     * Holds several {@code @OnEvent} on one method, e.g. with different {@link #param()}
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
        OnEvent[] value();
    }
}
