package dev.kopf.spring;

import dev.kopf.HandlerRegistry;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Finds the application's beans that declare Kopf handlers: those whose class (without a
 * CGLIB proxy) has a method with a handler annotation, and {@link HandlerRegistry} beans.
 * The beans are handed to {@code Operator.Builder.handlers(Object...)} as they are.
 */
final class KopfHandlerBeans {

    /** Parameter qualifiers are annotations of dev.kopf too, but on parameters only. */
    private static final Set<String> NOT_HANDLERS = Set.of("Old", "New", "Param", "IndexOf");

    private KopfHandlerBeans() {
    }

    static List<Object> find(ListableBeanFactory beans) {
        List<Object> found = new ArrayList<>();
        for (String name : beans.getBeanDefinitionNames()) {
            Class<?> type = beans.getType(name, false);
            if (type == null) {
                continue;
            }
            if (HandlerRegistry.class.isAssignableFrom(type) || hasHandlers(type)) {
                found.add(beans.getBean(name));
            }
        }
        return found;
    }

    static boolean hasHandlers(Class<?> type) {
        Class<?> user = ClassUtils.getUserClass(type);
        if (user.getName().startsWith("org.springframework.")) {
            return false;
        }
        try {
            for (Method method : user.getDeclaredMethods()) {
                for (Annotation annotation : method.getAnnotations()) {
                    Class<? extends Annotation> kind = annotation.annotationType();
                    String owner = (kind.getEnclosingClass() != null
                            ? kind.getEnclosingClass() : kind).getPackageName();
                    if (owner.equals("dev.kopf") && !NOT_HANDLERS.contains(kind.getSimpleName())) {
                        return true;
                    }
                }
            }
        } catch (LinkageError e) {
            return false;  // a class that cannot be introspected declares no handlers of ours
        }
        return false;
    }
}
