package dev.kopf.internal.discovery;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.MethodInfo;
import io.github.classgraph.ScanResult;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Methods in the order they are written in their class file (the source order), which
 * reflection does not promise. Kopf runs handlers in declaration order; so do we.
 *
 * <p>One ClassGraph scan reads the class files of all handler classes at once; a class whose
 * file cannot be found falls back to ordering by name and signature.
 */
final class MethodOrder {

    private final Map<String, List<String>> signatures;

    private MethodOrder(Map<String, List<String>> signatures) {
        this.signatures = signatures;
    }

    /**
     * Reads the method order of classes.
     *
     * @param classes the classes
     * @return their method orders
     */
    static MethodOrder of(Collection<Class<?>> classes) {
        Set<URL> locations = new LinkedHashSet<>();
        List<String> names = new ArrayList<>();
        for (Class<?> cls : classes) {
            CodeSource source = cls.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                locations.add(source.getLocation());
                names.add(cls.getName());
            }
        }
        Map<String, List<String>> signatures = new HashMap<>();
        if (names.isEmpty()) {
            return new MethodOrder(signatures);
        }
        try (ScanResult scan = new ClassGraph().overrideClasspath(locations)
                .acceptClasses(names.toArray(String[]::new)).enableMethodInfo()
                .ignoreMethodVisibility().ignoreClassVisibility().scan()) {
            for (String name : names) {
                ClassInfo info = scan.getClassInfo(name);
                if (info != null) {
                    List<String> order = new ArrayList<>();
                    for (MethodInfo method : info.getDeclaredMethodInfo()) {
                        order.add(method.getName() + method.getTypeDescriptorStr());
                    }
                    signatures.put(name, order);
                }
            }
        } catch (RuntimeException e) {
            return new MethodOrder(signatures);  // unreadable class files: order by name
        }
        return new MethodOrder(signatures);
    }

    /**
     * Returns a class's declared methods, without synthetic ones, in class-file order.
     *
     * @param cls the class
     * @return the methods
     */
    List<Method> declared(Class<?> cls) {
        List<String> order = signatures.getOrDefault(cls.getName(), List.of());
        return Arrays.stream(cls.getDeclaredMethods())
                .filter(method -> !method.isSynthetic() && !method.isBridge())
                .sorted(Comparator.comparingInt((Method method) -> rank(order, method))
                        .thenComparing(MethodOrder::signature))
                .toList();
    }

    private static int rank(List<String> order, Method method) {
        int index = order.indexOf(signature(method));
        return index < 0 ? Integer.MAX_VALUE : index;
    }

    private static String signature(Method method) {
        return method.getName() + MethodType.methodType(method.getReturnType(),
                method.getParameterTypes()).toMethodDescriptorString();
    }
}
