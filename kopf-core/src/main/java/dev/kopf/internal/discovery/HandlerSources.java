package dev.kopf.internal.discovery;

import dev.kopf.HandlerRegistry;
import java.util.List;

/**
 * Where one operator's handlers come from: classes the operator creates, and objects given
 * ready-made (beans of a DI container), whose annotated methods are bound to them.
 *
 * <p>Made by the {@code Operator} builder and read once by {@link HandlerDiscovery#register}.
 *
 * @param classes handler classes, created by the operator when they have instance handlers
 * @param instances handler objects, used as they are
 * @param registries functional registrations
 */
public record HandlerSources(List<Class<?>> classes, List<Object> instances,
        List<HandlerRegistry> registries) {

    /** Copies the lists. */
    public HandlerSources {
        classes = List.copyOf(classes);
        instances = List.copyOf(instances);
        registries = List.copyOf(registries);
    }

    /**
     * Creates sources without functional registrations.
     *
     * @param classes handler classes
     * @param instances handler objects
     */
    public HandlerSources(List<Class<?>> classes, List<Object> instances) {
        this(classes, instances, List.of());
    }

    /**
     * Returns the class that declares an object's handlers: its own class, or the class a
     * generated subclass (a CGLIB proxy of Spring or Guice, named with {@code $$}) extends,
     * since such subclasses override methods without their annotations.
     *
     * @param instance a handler object
     * @return the declaring class
     */
    static Class<?> declaringClass(Object instance) {
        Class<?> cls = instance.getClass();
        while (cls.getName().contains("$$") && cls.getSuperclass() != null
                && cls.getSuperclass() != Object.class) {
            cls = cls.getSuperclass();
        }
        return cls;
    }
}
