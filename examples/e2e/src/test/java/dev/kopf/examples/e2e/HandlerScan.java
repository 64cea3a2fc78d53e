package dev.kopf.examples.e2e;

import dev.kopf.OnCreate;
import dev.kopf.OnDelete;
import dev.kopf.OnUpdate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What handlers an example declares, read from its compiled classes: Kopf's
 * {@code E2EParser}, which reads the decorators from the example's source.
 */
final class HandlerScan {

    private final List<Method> methods;

    private HandlerScan(List<Method> methods) {
        this.methods = methods;
    }

    /** Loads every class under a classes folder and collects its methods. */
    static HandlerScan of(Path classes) {
        List<Method> methods = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes);
                URLClassLoader loader = new URLClassLoader(new URL[] {url(classes)},
                        HandlerScan.class.getClassLoader())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString()
                        .replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                methods.addAll(List.of(loader.loadClass(name).getDeclaredMethods()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Cannot load a class of " + classes, e);
        }
        return new HandlerScan(methods);
    }

    boolean hasOnCreate() {
        return methods.stream().anyMatch(m -> m.getAnnotationsByType(OnCreate.class).length > 0);
    }

    boolean hasOnUpdate() {
        return methods.stream().anyMatch(m -> m.getAnnotationsByType(OnUpdate.class).length > 0);
    }

    boolean hasOnDelete() {
        return methods.stream().anyMatch(m -> m.getAnnotationsByType(OnDelete.class).length > 0);
    }

    /** As in Kopf: creation, update or deletion handlers (not field, resume or event ones). */
    boolean hasChangingHandlers() {
        return hasOnCreate() || hasOnUpdate() || hasOnDelete();
    }

    /** A deletion handler that is not optional: it makes the operator add its finalizer. */
    boolean hasMandatoryOnDelete() {
        return methods.stream().flatMap(m -> Stream.of(m.getAnnotationsByType(OnDelete.class)))
                .anyMatch(annotation -> !annotation.optional());
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
