package dev.kopf.cli;

import dev.kopf.Memo;
import dev.kopf.Operator;
import dev.kopf.OperatorSettings;
import dev.kopf.internal.clients.DeferredClient;
import dev.kopf.internal.discovery.ClasspathEntries;
import dev.kopf.internal.discovery.HandlerDiscovery;
import dev.kopf.internal.discovery.OperatorInjectables;
import dev.kopf.internal.intents.OperatorRegistry;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The handlers of jars and folders, found and registered with the same discovery as
 * {@code kopf run} ({@link Operator.Builder#classpath}), for commands that look at the
 * handlers without running them ({@code kopf manifests}).
 *
 * @param classes the handler classes found
 * @param registry the registered handlers
 */
record HandlerRegistration(List<Class<?>> classes, OperatorRegistry registry) {

    /** Admission handlers are recognised by name, so this works before and after they exist. */
    private static final Set<String> ADMISSION_ANNOTATIONS = Set.of("OnValidate", "OnMutate");

    HandlerRegistration {
        classes = List.copyOf(classes);
    }

    /**
     * Scans the paths and registers their handlers, as {@code kopf run} does.
     *
     * @param paths jars and class folders
     * @param settings the settings the handler classes' constructors may ask for
     * @return the handlers
     * @throws dev.kopf.HandlerDeclarationException listing every problem at once
     * @throws ConfigurationException when there are no handlers at all
     */
    static HandlerRegistration scan(List<Path> paths, OperatorSettings settings) {
        List<Class<?>> classes = HandlerDiscovery.scan(ClasspathEntries.loader(paths), paths);
        // As in kopf run, constructors get a stand-in client; here it never becomes real.
        DeferredClient deferred = new DeferredClient(() -> {
            throw new IllegalStateException("kopf manifests does not connect to a cluster: "
                    + "handler classes must not use the client in their constructors.");
        });
        OperatorRegistry registry = HandlerDiscovery.register(classes,
                new OperatorInjectables(deferred.proxy(), settings, new Memo()));
        HandlerRegistration found = new HandlerRegistration(classes, registry);
        if (registry.isEmpty() && found.admissionHandlers().isEmpty()) {
            throw new ConfigurationException("No handlers found in " + paths + ". Give the "
                    + "jars or class folders of classes with Kopf's handler annotations.");
        }
        return found;
    }

    /**
     * Returns the admission handlers ({@code @OnValidate}, {@code @OnMutate}) by their
     * class and method names.
     *
     * @return e.g. {@code Handlers.validate}, in class order
     */
    List<String> admissionHandlers() {
        List<String> ids = new ArrayList<>();
        for (Class<?> type : classes) {
            for (Method method : type.getDeclaredMethods()) {
                for (Annotation annotation : method.getDeclaredAnnotations()) {
                    if (ADMISSION_ANNOTATIONS.contains(annotation.annotationType()
                            .getSimpleName())) {
                        ids.add(type.getSimpleName() + "." + method.getName());
                    }
                }
            }
        }
        return ids;
    }
}
