package dev.kopf;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies a handler parameter to receive the old value of the object (or of the field, for field handlers); {@code null} at creation.
 *
 * <p>The parameter's type may be {@code Object}, {@code Map}, {@code String}, a number, or any
 * class Jackson can convert the value to.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Old {
}
