package dev.kopf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies a handler parameter to receive the handler's {@code param} option; empty when
 * not given.
 *
 * <p>A {@code String} or {@code Object} parameter gets the text as it is. A parameter of
 * any other type gets it converted: read as JSON ({@code param = "3"} for an {@code int},
 * {@code param = "{\"replicas\": 2}"} for a record or a {@code Map}), or as a JSON string
 * when it is not JSON ({@code param = "RED"} for an enum). An empty param is {@code null}
 * (an error for a primitive type); a param that does not convert fails the handler.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Param {
}
