package dev.kopf.internal.actions;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.List;
import java.util.stream.Stream;

/**
 * One parameter to inject: its type and qualifiers. A method's parameter, or a lambda's,
 * whose qualifiers javac may not keep; so the invoker resolves both the same way.
 *
 * @param type the erased type
 * @param genericType the declared type, e.g. {@code Map<String, Integer>}
 * @param qualifiers where the qualifier annotations are read; none for a lambda's types
 */
public record Slot(Class<?> type, Type genericType, AnnotatedElement qualifiers) {

    private static final AnnotatedElement NONE = new AnnotatedElement() {
        @Override
        public <T extends Annotation> T getAnnotation(Class<T> annotationClass) {
            return null;
        }

        @Override
        public Annotation[] getAnnotations() {
            return new Annotation[0];
        }

        @Override
        public Annotation[] getDeclaredAnnotations() {
            return new Annotation[0];
        }
    };

    /**
     * Returns a method's parameters as slots.
     *
     * @param method the method
     * @return one slot per parameter
     */
    public static List<Slot> of(Method method) {
        return Stream.of(method.getParameters()).map(Slot::of).toList();
    }

    /**
     * Returns a parameter as a slot.
     *
     * @param parameter the parameter
     * @return the slot
     */
    public static Slot of(Parameter parameter) {
        return new Slot(parameter.getType(), parameter.getParameterizedType(), parameter);
    }

    /**
     * Returns a bare type as a slot, without qualifiers.
     *
     * @param type the type
     * @return the slot
     */
    public static Slot of(Class<?> type) {
        return new Slot(type, type, NONE);
    }

    Class<?> getType() {
        return type;
    }

    Type getParameterizedType() {
        return genericType;
    }

    boolean isAnnotationPresent(Class<? extends Annotation> annotation) {
        return qualifiers.isAnnotationPresent(annotation);
    }

    <T extends Annotation> T getAnnotation(Class<T> annotation) {
        return qualifiers.getAnnotation(annotation);
    }
}
