package dev.kopf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a login handler: it returns the {@link ConnectionInfo} the operator connects with.
 *
 * <p>Login handlers run after the startup handlers, before anything is watched, and again
 * when the API server has rejected every credential with 401 Unauthorized (the request is
 * then repeated with the new credential). Without login handlers, the operator uses the
 * client given to {@link Operator.Builder#client}, or one configured as fabric8 does
 * ({@code KUBECONFIG}, {@code ~/.kube/config}, the in-cluster service account).
 *
 * <h2>Method signature</h2>
 * A public method, static or not, of a class with a public no-argument constructor (or one
 * taking operator-level injectables), returning {@link ConnectionInfo}; {@code null} means no
 * credential from this handler.
 *
 * <h2>Injectable parameters</h2>
 * By type, in any order: {@link OperatorSettings} (the settings in force), {@link Memo} (the
 * operator's), {@code org.slf4j.Logger} (logger {@code kopf.activities.authentication}),
 * {@link Retry}, {@code @Param String}, {@code @IndexOf IndexView}.
 *
 * <h2>Retries and errors</h2>
 * {@link TemporaryException} retries after its delay; other exceptions follow
 * {@link #errors()}; {@link #retries()} and {@link #timeout()} end the retries. If no login
 * handler returns a credential at start-up, the operator stops with that error.
 *
 * <pre>{@code
 * @OnLogin
 * public ConnectionInfo login() {
 *     return ConnectionInfo.builder().server(apiUrl).token(readToken()).build();
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(OnLogin.List.class)
public @interface OnLogin {

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
     * Holds several {@code @OnLogin} on one method, e.g. with different {@link #param()}
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
        OnLogin[] value();
    }
}
