package dev.kopf.internal.actions;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Converts values for injection: old and new values and params to a parameter's type, and
 * values for filter callbacks. Kept apart from the {@link Invoker}'s resolution rules, which
 * decide what is injected; this decides how a value becomes the declared type.
 */
public final class Conversions {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Conversions() {
    }

    /**
     * Binds a value filter callback: a method taking the value (converted to its
     * parameter's type as {@code @New} values are) and returning {@code boolean}.
     *
     * @param method the method
     * @param instance the object to call it on, or {@code null} for a static method
     * @param problems where problems are added, without a location
     * @return the predicate, or {@code null} when any problem was found
     */
    public static java.util.function.Predicate<Object> bindValueFilter(Method method,
            Object instance, List<String> problems) {
        int before = problems.size();
        if (method.getReturnType() != boolean.class && method.getReturnType() != Boolean.class) {
            problems.add("The value filter callback must return boolean, not "
                    + method.getReturnType().getTypeName() + ".");
        }
        if (method.getParameterCount() != 1 || method.getParameterTypes()[0].isPrimitive()) {
            problems.add("The value filter callback must take one parameter, the value, of an"
                    + " object type (e.g. Object, String, Integer).");
        }
        if (problems.size() > before) {
            return null;
        }
        MethodHandle bound = Invoker.boundHandle(method, instance, problems);
        if (bound == null) {
            return null;
        }
        Function<Object, Object> converter =
                converter(method.getGenericParameterTypes()[0], "filtered");
        return value -> {
            try {
                return Boolean.TRUE.equals(bound.invoke(converter.apply(value)));
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new UndeclaredThrowableException(t);
            }
        };
    }

    static Function<Object, Object> converter(Type type, String which) {
        if (type == Object.class) {
            return Function.identity();
        }
        if (type == String.class) {
            return Conversions::toText;
        }
        JavaType target = MAPPER.getTypeFactory().constructType(type);
        boolean generic = type instanceof ParameterizedType;
        return value -> {
            if (value == null || (!generic && target.getRawClass().isInstance(value))) {
                return value;
            }
            try {
                return MAPPER.convertValue(value, target);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Cannot convert the " + which + " value to "
                        + target.toCanonical() + ": " + e.getMessage(), e);
            }
        };
    }

    /**
     * Converts the param text to a parameter's type: read as JSON ({@code 3}, {@code true},
     * {@code {"a": 1}}), or taken as a JSON string when it is not JSON (an enum constant).
     */
    static Function<String, Object> paramConverter(Type type) {
        JavaType target = MAPPER.getTypeFactory().constructType(type);
        return text -> {
            if (text == null || text.isEmpty()) {
                if (target.isPrimitive()) {
                    throw new IllegalArgumentException("The handler's param is empty, but its"
                            + " @Param parameter is a " + target.toCanonical() + ". Give the"
                            + " handler a param, or use the boxed type.");
                }
                return null;
            }
            try {
                return MAPPER.readValue(text, target);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                try {
                    return MAPPER.convertValue(text, target);
                } catch (IllegalArgumentException again) {
                    throw new IllegalArgumentException("Cannot convert the param \"" + text
                            + "\" to " + target.toCanonical() + ": " + again.getMessage(), again);
                }
            }
        };
    }

    private static Object toText(Object value) {
        if (value == null || value instanceof String) {
            return value;
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            try {
                return MAPPER.writeValueAsString(value);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("Cannot render the value as JSON.", e);
            }
        }
        return String.valueOf(value);
    }
}
