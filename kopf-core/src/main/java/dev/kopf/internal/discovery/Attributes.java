package dev.kopf.internal.discovery;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Reads a handler annotation's attributes by name, so that all handler annotations are read
 * by the same code; an attribute the annotation does not declare reads as the given default.
 *
 * <p>Functional registrations have no annotation instance: their options come as a map
 * of the same names and types.
 *
 * @param annotation the annotation instance, or {@code null} for a map of options
 * @param options the options by attribute name, used without an annotation
 */
record Attributes(Annotation annotation, java.util.Map<String, Object> options) {

    Attributes(Annotation annotation) {
        this(annotation, java.util.Map.of());
    }

    static Attributes of(java.util.Map<String, Object> options) {
        return new Attributes(null, options);
    }

    String string(String name, String fallback) {
        return (String) read(name, fallback);
    }

    String[] strings(String name) {
        return (String[]) read(name, new String[0]);
    }

    int integer(String name, int fallback) {
        return (Integer) read(name, fallback);
    }

    double number(String name, double fallback) {
        return (Double) read(name, fallback);
    }

    boolean flag(String name) {
        return (Boolean) read(name, false);
    }

    <E extends Enum<E>> E choice(String name, E fallback) {
        return fallback.getDeclaringClass().cast(read(name, fallback));
    }

    /** Reads any attribute as it is, e.g. an array of enums. */
    Object raw(String name, Object fallback) {
        return read(name, fallback);
    }

    private Object read(String name, Object fallback) {
        if (annotation == null) {
            return options.getOrDefault(name, fallback);
        }
        Method attribute;
        try {
            attribute = annotation.annotationType().getMethod(name);
        } catch (NoSuchMethodException e) {
            return fallback;
        }
        try {
            return attribute.invoke(annotation);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + name + " of " + annotation, e);
        }
    }
}
