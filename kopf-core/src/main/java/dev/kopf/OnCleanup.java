package dev.kopf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a cleanup activity: run once when the operator stops gracefully, after the watching
 * has ended, daemons and timers have stopped, and running handlers have finished.
 *
 * <h2>Method signature</h2>
 * A public method, static or not, of a class with a public no-argument constructor (or one
 * taking operator-level injectables). The return value is ignored.
 *
 * <h2>Injectable parameters</h2>
 * By type, in any order: {@link OperatorSettings} (the settings in force), {@link Memo} (the
 * operator's), {@code org.slf4j.Logger} (logger {@code kopf.activities.cleanup}),
 * {@link Retry}, {@code KubernetesClient}, {@code @Param String},
 * {@code @IndexOf IndexView}.
 *
 * <h2>Retries and errors</h2>
 * {@link TemporaryException} retries after its delay; other exceptions follow
 * {@link #errors()}; {@link #retries()} and {@link #timeout()} end the retries. Retries hold
 * the exit up, so give a cleanup handler a timeout. A failure is logged; the operator stops
 * anyway.
 *
 * <pre>{@code
 * @OnCleanup
 * public void closeConnections(Memo memo) {
 *     memo.get("database", Database.class).close();
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(OnCleanup.List.class)
public @interface OnCleanup {

    /**
     * The handler id, used in logs. Default: the method name.
     *
     * @return the id, or empty for the default
     */
    String id() default "";

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
     * Holds several {@code @OnCleanup} on one method, e.g. with different {@link #param()}
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
        OnCleanup[] value();
    }
}
