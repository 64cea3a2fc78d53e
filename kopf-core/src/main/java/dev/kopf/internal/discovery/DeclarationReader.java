package dev.kopf.internal.discovery;

import dev.kopf.ErrorsMode;
import dev.kopf.HandlerDeclarationException;
import dev.kopf.internal.structs.FilterMarkers;
import dev.kopf.internal.actions.HandlerFn;
import dev.kopf.internal.actions.Invoker;
import dev.kopf.internal.discovery.HandlerAnnotations.Family;
import dev.kopf.internal.discovery.HandlerAnnotations.Found;
import dev.kopf.internal.intents.ChangingHandler;
import dev.kopf.internal.intents.Filters;
import dev.kopf.internal.intents.OperatorRegistry;
import dev.kopf.internal.intents.Selector;
import dev.kopf.internal.intents.WatchingHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads one operator's handler classes into handlers, collecting every problem on the way.
 *
 * <p>Used by {@link HandlerDiscovery#register} for one call: it holds that call's instances,
 * handlers and problems. Kept apart so that discovery's entry points stay short.
 */
final class DeclarationReader {

    private final MethodOrder order;
    private final Instances instances;
    private final Set<String> problems = new LinkedHashSet<>();
    private final List<ChangingHandler> changing = new ArrayList<>();
    private final List<WatchingHandler> watching = new ArrayList<>();

    DeclarationReader(OperatorInjectables injectables, MethodOrder order) {
        this.order = order;
        this.instances = new Instances(injectables, this::problem);
    }

    /**
     * Reads every handler of a class.
     *
     * @param cls a handler class
     */
    void read(Class<?> cls) {
        List<Method> methods = order.declared(cls).stream()
                .filter(method -> !HandlerAnnotations.on(method).isEmpty()).toList();
        if (methods.isEmpty()) {
            problem("Class " + cls.getName() + " declares no handler methods. Annotate its"
                    + " public methods with " + HandlerAnnotations.titles() + ".", cls.getName());
            return;
        }
        boolean callable = checkClass(cls);
        for (Method method : methods) {
            for (Found found : HandlerAnnotations.on(method)) {
                readHandler(cls, method, found, callable);
            }
        }
    }

    /**
     * Returns the registry, or throws every problem found.
     *
     * @return the registry
     * @throws HandlerDeclarationException when any problem was found
     */
    OperatorRegistry registry() {
        checkDuplicateIds();
        if (!problems.isEmpty()) {
            throw new HandlerDeclarationException(List.copyOf(problems));
        }
        return new OperatorRegistry(changing, watching);
    }

    private boolean checkClass(Class<?> cls) {
        String name = cls.getName();
        if (cls.isLocalClass() || cls.isAnonymousClass()) {
            problem("Class " + name + " is local or anonymous. Declare handlers in a top-level"
                    + " or static nested class.", name);
            return false;
        }
        if (cls.isMemberClass() && !Modifier.isStatic(cls.getModifiers())) {
            problem("Class " + name + " is an inner class. Make it static, so that it can be"
                    + " created on its own.", name);
            return false;
        }
        if (!Modifier.isPublic(cls.getModifiers())) {
            problem("Class " + name + " must be public, so that its handlers can be called.",
                    name);
            return false;
        }
        return true;
    }

    private void readHandler(Class<?> cls, Method method, Found found, boolean callable) {
        String title = found.entry().title();
        Attributes attributes = found.attributes();
        String location = location(method);
        List<String> here = new ArrayList<>();
        boolean isPublic = Modifier.isPublic(method.getModifiers());
        if (!isPublic) {
            here.add(title + " method must be public.");
        }
        Selector selector = readSelector(attributes, here);
        boolean changes = found.entry().family() == Family.CHANGING;
        String whenName = attributes.string("when", "");
        HandlerFn when = readWhen(cls, whenName, changes, here, callable);
        Filters filters = readFilters(found, when, here);
        Options options = readOptions(title, attributes, here);
        HandlerFn fn = bind(cls, method, changes ? Invoker.Kind.CHANGING : Invoker.Kind.EVENT,
                here, callable && isPublic);
        here.forEach(sentence -> problem(sentence, location));
        if (!here.isEmpty() || fn == null || (!whenName.isEmpty() && when == null)) {
            return;
        }
        String field = attributes.string("field", "");
        String id = attributes.string("id", "");
        id = (id.isEmpty() ? method.getName() : id) + (field.isEmpty() ? "" : "/" + field);
        String param = attributes.string("param", "");
        if (changes) {
            changing.add(new ChangingHandler(id, selector, found.entry().reasons(), filters, fn,
                    attributes.choice("errors", ErrorsMode.TEMPORARY), options.retries(),
                    options.timeout(), options.backoff(), param, attributes.flag("optional"),
                    attributes.flag("deleted"), location));
        } else {
            watching.add(new WatchingHandler(id, selector, filters, fn,
                    attributes.choice("errors", ErrorsMode.IGNORED), param, location));
        }
    }

    private static Selector readSelector(Attributes attributes, List<String> here) {
        try {
            return Selector.parse(attributes.string("value", ""), attributes.string("group", ""),
                    attributes.string("version", ""), attributes.string("plural", ""),
                    attributes.string("kind", ""));
        } catch (IllegalArgumentException e) {
            here.add(e.getMessage());
            return null;
        }
    }

    private static Filters readFilters(Found found, HandlerFn when, List<String> here) {
        Attributes attributes = found.attributes();
        String title = found.entry().title();
        String field = attributes.string("field", "");
        List<String> path = null;
        try {
            path = field.isEmpty() ? null : Filters.parseField(field);
        } catch (IllegalArgumentException e) {
            here.add(e.getMessage());
        }
        String value = attributes.string("fieldValue", FilterMarkers.UNSET);
        String old = attributes.string("oldValue", FilterMarkers.UNSET);
        String nu = attributes.string("newValue", FilterMarkers.UNSET);
        boolean hasValue = !FilterMarkers.UNSET.equals(value);
        boolean hasOldNew = !FilterMarkers.UNSET.equals(old) || !FilterMarkers.UNSET.equals(nu);
        if (field.isEmpty() && found.entry().fieldRequired()) {
            here.add(title + " needs a field, e.g. field = \"spec.field\".");
        } else if (field.isEmpty() && (hasValue || hasOldNew)) {
            here.add(title + " has a value filter but no field. fieldValue, oldValue and"
                    + " newValue apply to a field: give field = \"spec.…\" too.");
        }
        if (hasValue && hasOldNew) {
            here.add(title + " has both fieldValue and oldValue/newValue. Give either"
                    + " fieldValue or oldValue/newValue, not both.");
        }
        Map<String, String> labels =
                Filters.parseMetaFilters("Label", attributes.strings("labels"), here);
        Map<String, String> annotations =
                Filters.parseMetaFilters("Annotation", attributes.strings("annotations"), here);
        return new Filters(labels, annotations, path, value, old, nu, when);
    }

    private static Options readOptions(String title, Attributes attributes, List<String> here) {
        int retries = attributes.integer("retries", Integer.MAX_VALUE);
        if (retries < 1) {
            here.add(title + " retries must be at least 1, not " + retries + "."
                    + " Leave it out for unlimited attempts.");
        }
        double timeout = attributes.number("timeout", Double.POSITIVE_INFINITY);
        if (Double.isNaN(timeout) || timeout <= 0) {
            here.add(title + " timeout must be a positive number of seconds, not " + timeout
                    + ". Leave it out for no timeout.");
        }
        double backoff = attributes.number("backoff", Double.NaN);
        if (backoff < 0 || Double.isInfinite(backoff)) {
            here.add(title + " backoff must be zero or more seconds, not " + backoff + "."
                    + " Leave it out for the operator's default.");
        }
        return new Options(retries,
                Double.isInfinite(timeout) || !(timeout > 0) ? null : seconds(timeout),
                Double.isNaN(backoff) || Double.isInfinite(backoff) ? null : seconds(backoff));
    }

    private HandlerFn readWhen(Class<?> cls, String name, boolean changes, List<String> here,
            boolean callable) {
        if (name.isEmpty()) {
            return null;
        }
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
        Invoker.Kind kind = changes ? Invoker.Kind.WHEN_CHANGING : Invoker.Kind.WHEN_EVENT;
        HandlerFn fn = bind(cls, method, kind, there, callable && isPublic);
        there.forEach(sentence -> problem(sentence, location(method)));
        return there.isEmpty() ? fn : null;
    }

    private HandlerFn bind(Class<?> cls, Method method, Invoker.Kind kind, List<String> here,
            boolean callable) {
        Object instance = null;
        if (callable && !Modifier.isStatic(method.getModifiers())) {
            instance = instances.of(cls);
            callable = instance != null;
        }
        if (callable) {
            return Invoker.bind(method, instance, kind, here);
        }
        Invoker.check(method, kind, here);
        return null;
    }

    private void checkDuplicateIds() {
        for (int i = 0; i < changing.size(); i++) {
            for (int j = i + 1; j < changing.size(); j++) {
                ChangingHandler a = changing.get(i);
                ChangingHandler b = changing.get(j);
                if (a.id().equals(b.id()) && !a.location().equals(b.location())
                        && DuplicateIds.mayRunTogether(a, b)) {
                    problem("Handler id '" + a.id() + "' is declared twice for " + a.selector()
                            + ", and both handlers can run in one cycle. Give one of them"
                            + " another id, e.g. id = \"" + DuplicateIds.suggest(b) + "\".",
                            a.location(), b.location());
                }
            }
        }
    }

    private void problem(String sentences, String... locations) {
        problems.add(sentences + Stream.of(locations).map(at -> "\n  at " + at)
                .collect(Collectors.joining()));
    }

    /**
     * Formats a method as in stack traces, with simple parameter type names.
     *
     * @param method the method
     * @return e.g. {@code com.example.Handlers.createFn(Spec, Logger)}
     */
    static String location(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName()
                + Stream.of(method.getParameterTypes()).map(Class::getSimpleName)
                        .collect(Collectors.joining(", ", "(", ")"));
    }

    private static Duration seconds(double seconds) {
        long whole = (long) seconds;
        return Duration.ofSeconds(whole, Math.round((seconds - whole) * 1e9));
    }

    /** The retry options of a changing handler. */
    private record Options(int retries, Duration timeout, Duration backoff) {
    }
}
