package dev.kopf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a mutating admission webhook handler: it changes matching objects, through its {@link Patch}, before they are stored.
 *
 * <p>Served by the webhook server set in {@code settings.admission().server(...)} (an
 * {@link OnStartup} handler sets it); without one, the operator fails at start-up. With
 * {@code settings.admission().managed(name)}, the operator keeps a
 * {@code MutatingWebhookConfiguration} with one webhook per handler.
 * <p>The patch is returned to the API server as a JSONPatch. For {@code DELETE}, mutating handlers run only when {@code operations} is exactly {@code DELETE}, as in Kopf.
 *
 * <h2>Method signature</h2>
 * A public method, static or not, of a class with a public no-argument constructor (or
 * one taking operator-level injectables). The return value is ignored.
 *
 * <h2>Injectable parameters</h2>
 * By type, in any order: {@link Body}, {@link Spec}, {@link Meta}, {@link Status},
 * {@link Patch}, {@link Diff}, {@code @Old}/{@code @New} values, {@link Operation},
 * {@link Subresource}, {@link DryRun}, {@link Warnings}, {@link UserInfo}, {@link Headers},
 * {@link SslPeer}, {@link Resource}, {@code org.slf4j.Logger}, {@link Memo},
 * {@code KubernetesClient}, {@link Context}, {@code @Param String}, {@code @IndexOf}
 * indexes, or a fabric8 model class.
 *
 * <h2>Retries and errors</h2>
 * None: a handler runs once per request. {@link AdmissionException} rejects the request with
 * its message and code; any other exception rejects it with code 500 and its message.
 *
 * <pre>{@code
 * @OnMutate(value = "kopfexamples", labels = "somelabel")
 * public void defaults(Patch patch) {
 *     patch.spec().put("mutated", true);
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(OnMutate.List.class)
public @interface OnMutate {

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
     * The API group; empty for any group.
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
     * The handler id: the last part of the webhook's URL path and, lower-cased, the start
     * of the managed webhook's name. Default: the method name.
     *
     * @return the id, or empty for the default
     */
    String id() default "";

    /**
     * The operations the webhook is registered for in a managed configuration. Default: all.
     *
     * @return the operations
     */
    Operation[] operations() default {};

    /**
     * The subresource: empty for the object itself, e.g. {@code "status"} for one
     * subresource, or {@code "*"} for the object and all its subresources.
     *
     * @return the subresource
     */
    String subresource() default "";

    /**
     * Whether the webhook stays in the managed configuration when the operator exits
     * gracefully. Default: it is removed then.
     *
     * @return {@code true} to keep it
     */
    boolean persistent() default false;

    /**
     * Whether the handler has side effects outside the object: the managed webhook declares
     * {@code sideEffects: NoneOnDryRun} instead of {@code None}, and the handler must check
     * {@link DryRun}.
     *
     * @return {@code true} for side effects
     */
    boolean sideEffects() default false;

    /**
     * Whether the API server admits requests when the webhook cannot be reached or fails:
     * {@code failurePolicy: Ignore} instead of {@code Fail}.
     *
     * @return {@code true} to ignore failures
     */
    boolean ignoreFailures() default false;

    /**
     * Label filters: {@code "key=value"} (equal), {@code "key"} (present), {@code "!key"}
     * (absent). Sent to the API server as the webhook's {@code objectSelector}, and checked in
     * the webhook too.
     *
     * @return the label filters
     */
    String[] labels() default {};

    /**
     * Annotation filters, in the same forms as {@link #labels()}; checked in the webhook.
     *
     * @return the annotation filters
     */
    String[] annotations() default {};

    /**
     * The name of a public method in the same class that returns {@code boolean}; its
     * parameters are injected like the handler's. The handler runs only when it returns
     * {@code true}.
     *
     * @return the method name, or empty for none
     */
    String when() default "";

    /**
     * A dotted field path, e.g. {@code "spec.field"}: the handler runs only when the field is
     * present in the admitted object.
     *
     * @return the field path, or empty for none
     */
    String field() default "";

    /**
     * The value the {@link #field()} must have: a literal, or {@link Kopf#PRESENT} or
     * {@link Kopf#ABSENT} (Kopf's {@code value=}).
     *
     * @return the expected value, or the unset marker
     */
    String fieldValue() default Kopf.UNSET;

    /**
     * A free value passed to the handler as its {@code String} parameter annotated
     * {@link Param}.
     *
     * @return the parameter
     */
    String param() default "";

    /**
     * Holds several {@code @OnMutate} on one method. Written by the compiler; not used directly.
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
        OnMutate[] value();
    }
}
