package dev.kopf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies an {@link IndexView} parameter with the id of the {@link Index} handler that
 * builds it. Injectable into every handler, daemon, timer, index, probe and activity.
 *
 * <pre>{@code
 * @OnProbe
 * public int pods(@IndexOf("podsByNamespace") IndexView<String, String> pods) {
 *     return pods.size();
 * }
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface IndexOf {

    /**
     * The id of the {@link Index} handler: its method name unless it sets {@code id}.
     *
     * @return the index id
     */
    String value();
}
