package dev.kopf.internal.discovery;

import dev.kopf.internal.actions.Conversions;
import dev.kopf.internal.actions.HandlerFn;
import dev.kopf.internal.actions.Invoker;
import dev.kopf.internal.intents.Filters;
import dev.kopf.internal.structs.FilterMarkers;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Binds the filter callbacks named in annotations: {@code when} and the value callbacks
 * ({@code Kopf.CALLBACK} + a name), each a method name or Kopf's combinators over names.
 *
 * <p>Part of one {@link DeclarationReader}, whose problems, instances and binding it uses;
 * kept apart so that the reader stays about handlers.
 */
final class FilterCallbacks {

    private final DeclarationReader reader;

    FilterCallbacks(DeclarationReader reader) {
        this.reader = reader;
    }

    HandlerFn readWhen(Class<?> cls, String text, Invoker.Kind kind, List<String> here,
            boolean callable) {
        if (text.isEmpty()) {
            return null;
        }
        CallbackExpression expression;
        try {
            expression = CallbackExpression.parse(text);
        } catch (IllegalArgumentException e) {
            here.add(e.getMessage());
            return null;
        }
        return expression.fold(name -> readWhenMethod(cls, name, kind, here, callable),
                FilterCallbacks::combine);
    }

    private static HandlerFn combine(String operator, List<HandlerFn> operands) {
        return context -> {
            int matched = 0;
            for (HandlerFn operand : operands) {
                matched += Boolean.TRUE.equals(operand.call(context)) ? 1 : 0;
            }
            return switch (operator) {
                case "all" -> matched == operands.size();
                case "any" -> matched > 0;
                default -> matched == 0;  // not, none
            };
        };
    }

    Filters.Callbacks readCallbacks(Class<?> cls, Attributes attributes,
            List<String> here, boolean callable) {
        Map<String, java.util.function.Predicate<Object>> labels = new LinkedHashMap<>();
        Map<String, java.util.function.Predicate<Object>> annotations = new LinkedHashMap<>();
        for (String kind : List.of("labels", "annotations")) {
            for (String entry : attributes.strings(kind)) {
                int at = entry.indexOf("=" + FilterMarkers.CALLBACK);
                if (at > 0) {
                    var predicate = readValueCallback(cls, entry.substring(at + 1), here,
                            callable);
                    (kind.equals("labels") ? labels : annotations)
                            .put(entry.substring(0, at), predicate);
                }
            }
        }
        var value = readValueCallback(cls, attributes.string("fieldValue", ""), here, callable);
        var old = readValueCallback(cls, attributes.string("oldValue", ""), here, callable);
        var nu = readValueCallback(cls, attributes.string("newValue", ""), here, callable);
        return new Filters.Callbacks(labels, annotations, value, old, nu);
    }

    private java.util.function.Predicate<Object> readValueCallback(Class<?> cls, String text,
            List<String> here, boolean callable) {
        if (!text.startsWith(FilterMarkers.CALLBACK)) {
            return null;
        }
        CallbackExpression expression;
        try {
            expression = CallbackExpression.parse(text.substring(FilterMarkers.CALLBACK.length()));
        } catch (IllegalArgumentException e) {
            here.add(e.getMessage());
            return value -> false;
        }
        java.util.function.Predicate<Object> predicate = expression.fold(
                name -> readValueMethod(cls, name, here, callable), (operator, operands) -> {
                    var all = operands;
                    return value -> {
                        long matched = all.stream().filter(p -> p.test(value)).count();
                        return switch (operator) {
                            case "all" -> matched == all.size();
                            case "any" -> matched > 0;
                            default -> matched == 0;
                        };
                    };
                });
        return predicate == null ? value -> false : predicate;
    }

    private java.util.function.Predicate<Object> readValueMethod(Class<?> cls, String name,
            List<String> here, boolean callable) {
        Method method = findCallback(cls, name, "filter callback", here);
        if (method == null) {
            return null;
        }
        List<String> there = new ArrayList<>();
        if (!Modifier.isPublic(method.getModifiers())) {
            there.add("Filter callback method '" + name + "' must be public.");
        }
        Object instance = null;
        if (there.isEmpty() && callable && !Modifier.isStatic(method.getModifiers())) {
            instance = reader.instances().of(cls);
        }
        boolean usable = there.isEmpty() && callable
                && (instance != null || Modifier.isStatic(method.getModifiers()));
        var predicate = usable ? Conversions.bindValueFilter(method, instance, there) : null;
        there.forEach(sentence -> reader.problem(sentence, DeclarationReader.location(method)));
        return there.isEmpty() ? predicate : null;
    }

    private Method findCallback(Class<?> cls, String name, String what, List<String> here) {
        List<Method> candidates = Stream.concat(Stream.of(cls.getDeclaredMethods()),
                        Stream.of(cls.getMethods()))
                .filter(method -> method.getName().equals(name) && !method.isSynthetic())
                .distinct().toList();
        String allowed = " Give the name of a public method of that class that returns boolean.";
        if (candidates.isEmpty()) {
            here.add(what.substring(0, 1).toUpperCase() + what.substring(1) + " method '"
                    + name + "' does not exist in " + cls.getName() + "." + allowed);
            return null;
        }
        if (candidates.size() > 1) {
            here.add(what.substring(0, 1).toUpperCase() + what.substring(1) + " method '"
                    + name + "' is overloaded in " + cls.getName() + "."
                    + allowed.replace("a public method", "a public method, not overloaded,"));
            return null;
        }
        return candidates.get(0);
    }

    private HandlerFn readWhenMethod(Class<?> cls, String name, Invoker.Kind kind,
            List<String> here, boolean callable) {
        List<Method> candidates = Stream.concat(Stream.of(cls.getDeclaredMethods()),
                        Stream.of(cls.getMethods()))
                .filter(method -> method.getName().equals(name) && !method.isSynthetic())
                .distinct().toList();
        String allowed = " Give the name of a public method of that class that returns boolean.";
        if (candidates.isEmpty()) {
            here.add("when method '" + name + "' does not exist in " + cls.getName() + "."
                    + allowed);
            return null;
        }
        if (candidates.size() > 1) {
            here.add("when method '" + name + "' is overloaded in " + cls.getName() + "."
                    + allowed.replace("a public method", "a public method, not overloaded,"));
            return null;
        }
        Method method = candidates.get(0);
        List<String> there = new ArrayList<>();
        boolean isPublic = Modifier.isPublic(method.getModifiers());
        if (!isPublic) {
            there.add("when method '" + name + "' must be public.");
        }
        HandlerFn fn = reader.bind(cls, method, kind, there, callable && isPublic);
        reader.rememberIndexReferences(method, DeclarationReader.location(method));
        there.forEach(sentence -> reader.problem(sentence, DeclarationReader.location(method)));
        return there.isEmpty() ? fn : null;
    }
}
