package dev.kopf.internal.discovery;

import dev.kopf.HandlerDeclarationException;
import dev.kopf.internal.intents.OperatorRegistry;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ScanResult;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds handler classes in jars and folders, and turns their annotated methods into an
 * {@link OperatorRegistry}: Java's stand-in for Kopf's self-registering decorators.
 *
 * <p>Called once by the runtime at start-up. Every problem in every declaration is collected
 * and thrown at once as a {@link HandlerDeclarationException}; no annotated method is
 * skipped silently.
 */
public final class HandlerDiscovery {

    private HandlerDiscovery() {
    }

    /**
     * Finds every class with a method carrying a handler annotation.
     *
     * @param loader loads the found classes; it must see the given paths
     * @param paths the jars and class folders to scan; a folder's jars are scanned too
     * @return the classes, ordered by name; never empty
     * @throws HandlerDeclarationException when a path is unusable, a class cannot be
     *     loaded, or no path holds any handler
     */
    public static List<Class<?>> scan(ClassLoader loader, List<Path> paths) {
        List<String> problems = new ArrayList<>();
        List<Path> usable = new ArrayList<>();
        for (Path path : paths) {
            String allowed = " Give jar files or folders of compiled classes.";
            if (!Files.exists(path)) {
                problems.add("Path " + path + " does not exist." + allowed);
            } else if (Files.isDirectory(path) || ClasspathEntries.isJar(path)) {
                usable.add(path);
            } else {
                problems.add("No handlers found in " + path + ": it is neither a jar nor a"
                        + " folder." + allowed);
            }
        }
        List<Class<?>> classes = usable.isEmpty() ? List.of()
                : load(loader, ClasspathEntries.expand(usable), problems);
        if (problems.isEmpty() && classes.isEmpty()) {
            problems.add("No handlers found in " + String.join(", ",
                    paths.stream().map(Path::toString).toList()) + ". Give jars or class"
                    + " folders with classes whose methods carry Kopf's annotations"
                    + " (@OnCreate, @OnUpdate, @Daemon, ...).");
        }
        if (!problems.isEmpty()) {
            throw new HandlerDeclarationException(problems);
        }
        return classes;
    }

    private static List<Class<?>> load(ClassLoader loader, List<Path> paths,
            List<String> problems) {
        Set<String> names = new TreeSet<>();
        try (ScanResult result = new ClassGraph().overrideClasspath(paths).enableMethodInfo()
                .enableAnnotationInfo().ignoreMethodVisibility().ignoreClassVisibility()
                .scan()) {
            for (HandlerAnnotations.Entry entry : HandlerAnnotations.ALL) {
                names.addAll(result.getClassesWithMethodAnnotation(entry.type()).getNames());
                if (entry.container() != null) {
                    names.addAll(result.getClassesWithMethodAnnotation(entry.container())
                            .getNames());
                }
            }
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            try {
                classes.add(Class.forName(name, false, loader));
            } catch (ClassNotFoundException | LinkageError e) {
                problems.add("Class " + name + " has handlers but cannot be loaded: " + e
                        + ". Put its dependencies on the class path.");
            }
        }
        return classes;
    }

    /**
     * Builds the registry from handler classes, creating each class once when it has
     * instance handlers.
     *
     * @param classes the handler classes; duplicates are ignored
     * @param injectables what the classes' constructors may ask for
     * @return the registry
     * @throws HandlerDeclarationException listing every problem in every declaration
     */
    public static OperatorRegistry register(List<Class<?>> classes,
            OperatorInjectables injectables) {
        return register(new HandlerSources(classes, List.of()), injectables);
    }

    /**
     * Builds the registry from handler classes, handler objects and functional
     * registrations, collecting the problems of all of them.
     *
     * @param sources where the handlers come from
     * @param injectables what the classes' constructors may ask for
     * @return the registry
     * @throws HandlerDeclarationException listing every problem in every declaration
     */
    public static OperatorRegistry register(HandlerSources sources,
            OperatorInjectables injectables) {
        Set<Class<?>> distinct = new LinkedHashSet<>(sources.classes());
        Map<Class<?>, Object> objects = new LinkedHashMap<>();
        List<Class<?>> repeated = new ArrayList<>();
        for (Object instance : sources.instances()) {
            Class<?> cls = HandlerSources.declaringClass(instance);
            Object first = objects.putIfAbsent(cls, instance);
            if (first != null && first != instance) {
                repeated.add(cls);
            }
            distinct.remove(cls);  // the given object serves the class's handlers
        }
        Set<Class<?>> all = new LinkedHashSet<>(distinct);
        all.addAll(objects.keySet());
        DeclarationReader reader = new DeclarationReader(injectables, MethodOrder.of(all));
        for (Class<?> cls : repeated) {
            reader.problem("Two objects of class " + cls.getName() + " are given as"
                    + " handlers. Their handlers would have the same ids; give one object per"
                    + " class.", cls.getName());
        }
        objects.forEach(reader::read);
        for (Class<?> cls : distinct) {
            reader.read(cls);
        }
        sources.registries().forEach(reader::read);
        return reader.registry();
    }
}
