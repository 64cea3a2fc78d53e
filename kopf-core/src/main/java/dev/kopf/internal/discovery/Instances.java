package dev.kopf.internal.discovery;

import dev.kopf.Memo;
import dev.kopf.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The handler class instances of one operator: each class is created once, on first need,
 * through its public no-argument constructor or one taking operator-level injectables.
 *
 * <p>Used by the declaration reader only for classes with instance handlers, so that a class
 * with only static handlers needs no constructor.
 */
final class Instances {

    private static final Set<Class<?>> INJECTABLE = Set.of(KubernetesClient.class,
            OperatorSettings.class, Memo.class);

    private final OperatorInjectables injectables;
    private final BiConsumer<String, String> problems;
    private final Map<Class<?>, Optional<Object>> created = new HashMap<>();
    private final Set<Class<?>> provided = new HashSet<>();

    /**
     * Creates an empty set of instances.
     *
     * @param injectables the values constructors may ask for
     * @param problems receives a sentence and a location for each class that cannot be created
     */
    Instances(OperatorInjectables injectables, BiConsumer<String, String> problems) {
        this.injectables = injectables;
        this.problems = problems;
    }

    /**
     * Returns the class's instance, creating it the first time.
     *
     * @param cls a public, concrete, top-level or static nested class
     * @return the instance, or {@code null} when it cannot be created (reported once)
     */
    Object of(Class<?> cls) {
        return created.computeIfAbsent(cls, this::create).orElse(null);
    }

    /**
     * Uses a given object as its class's instance, e.g. a bean of a DI container, so that
     * the class is never created by the operator.
     *
     * @param cls the class whose handlers are bound to the object
     * @param instance the object
     */
    void provide(Class<?> cls, Object instance) {
        created.put(cls, Optional.of(instance));
        provided.add(cls);
    }

    /**
     * Tells whether the class's instance was given rather than to be created.
     *
     * @param cls the class
     * @return {@code true} after {@link #provide}
     */
    boolean isProvided(Class<?> cls) {
        return provided.contains(cls);
    }

    private Optional<Object> create(Class<?> cls) {
        String at = cls.getName();
        if (Modifier.isAbstract(cls.getModifiers())) {
            problems.accept("Class " + cls.getName() + " is abstract, so it cannot be created"
                    + " for its instance handlers. Make the class concrete or the handlers"
                    + " static.", at);
            return Optional.empty();
        }
        Constructor<?> constructor = List.of(cls.getConstructors()).stream()
                .filter(Instances::isUsable)
                .max(Comparator.comparingInt(Constructor::getParameterCount))
                .orElse(null);
        if (constructor == null) {
            problems.accept("Class " + cls.getName() + " has no usable constructor. Give it a"
                    + " public constructor without parameters, or one taking any of"
                    + " KubernetesClient, OperatorSettings and Memo.", at);
            return Optional.empty();
        }
        try {
            return Optional.of(constructor.newInstance(arguments(constructor)));
        } catch (InvocationTargetException e) {
            problems.accept("Class " + cls.getName() + " cannot be created: its constructor"
                    + " threw " + e.getCause() + ".", at);
        } catch (ReflectiveOperationException e) {
            problems.accept("Class " + cls.getName() + " cannot be created: " + e + ".", at);
        }
        return Optional.empty();
    }

    private static boolean isUsable(Constructor<?> constructor) {
        Set<Class<?>> seen = new HashSet<>();
        for (Class<?> type : constructor.getParameterTypes()) {
            if (!INJECTABLE.contains(type) || !seen.add(type)) {
                return false;
            }
        }
        return true;
    }

    private Object[] arguments(Constructor<?> constructor) {
        Class<?>[] types = constructor.getParameterTypes();
        Object[] arguments = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            arguments[i] = types[i] == KubernetesClient.class ? injectables.client()
                    : types[i] == OperatorSettings.class ? injectables.settings()
                    : injectables.memo();
        }
        return arguments;
    }
}
