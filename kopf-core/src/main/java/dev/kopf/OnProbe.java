package dev.kopf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a probe: its result is one entry, under the handler's id, of the JSON document served
 * by the liveness endpoint ({@code kopf run -L http://0.0.0.0:8080/healthz}).
 *
 * <p>Probes are called when the endpoint is requested, at most once per 10 seconds (the
 * results are cached in between), as in Kopf.
 *
 * <h2>Method signature</h2>
 * A public method, static or not, of a class with a public no-argument constructor (or one
 * taking operator-level injectables). The return value, rendered as JSON, is the entry;
 * {@code null} leaves the entry out.
 *
 * <h2>Injectable parameters</h2>
 * By type, in any order: {@link OperatorSettings} (the settings in force), {@link Memo} (the
 * operator's), {@code org.slf4j.Logger} (logger {@code kopf.activities.probe}),
 * {@link Retry}, {@code KubernetesClient}, {@code @Param String},
 * {@code @IndexOf IndexView}.
 *
 * <h2>Retries and errors</h2>
 * None: a probe is called once per refresh. An exception is logged and makes that request
 * answer 500 Internal Server Error; the next request calls the probes again.
 *
 * <pre>{@code
 * @OnProbe
 * public int podCount(@IndexOf("podsByNamespace") IndexView<String, String> pods) {
 *     return pods.size();
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(OnProbe.List.class)
public @interface OnProbe {

    /**
     * The handler id, used in logs and as its key in the liveness document. Default: the
     * method name.
     *
     * @return the id, or empty for the default
     */
    String id() default "";

    /**
     * A free value passed to the handler as its {@code String} parameter annotated
     * {@link Param}, so that one method can serve several annotations.
     *
     * @return the parameter
     */
    String param() default "";

    /**
     * Holds several {@code @OnProbe} on one method, e.g. with different {@link #param()}
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
        OnProbe[] value();
    }
}
