package dev.kopf.internal.discovery;

import dev.kopf.ConnectionInfo;
import dev.kopf.ErrorsMode;
import dev.kopf.HandlerDeclarationException;
import dev.kopf.HandlerRegistry;
import dev.kopf.IndexOf;
import dev.kopf.internal.structs.FilterMarkers;
import dev.kopf.internal.actions.Conversions;
import dev.kopf.internal.actions.HandlerFn;
import dev.kopf.internal.actions.Invoker;
import dev.kopf.internal.discovery.HandlerAnnotations.Family;
import dev.kopf.internal.discovery.HandlerAnnotations.Found;
import dev.kopf.internal.intents.ActivityHandler;
import dev.kopf.internal.intents.ChangingHandler;
import dev.kopf.internal.intents.DaemonHandler;
import dev.kopf.internal.intents.Filters;
import dev.kopf.internal.intents.IndexingHandler;
import dev.kopf.internal.intents.OperatorRegistry;
import dev.kopf.internal.intents.Selector;
import dev.kopf.internal.intents.SpawningHandler;
import dev.kopf.internal.intents.TimerHandler;
import dev.kopf.internal.intents.WatchingHandler;
import dev.kopf.internal.intents.WebhookHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
    private final FilterCallbacks callbacks = new FilterCallbacks(this);
    private final Set<String> problems = new LinkedHashSet<>();
    private final List<ChangingHandler> changing = new ArrayList<>();
    private final List<WatchingHandler> watching = new ArrayList<>();
    private final List<SpawningHandler> spawning = new ArrayList<>();
    private final List<IndexingHandler> indexing = new ArrayList<>();
    private final List<ActivityHandler> activities = new ArrayList<>();
    private final List<WebhookHandler> webhooks = new ArrayList<>();
    /** The ids named by {@code @IndexOf} parameters, with where they are named. */
    private final Map<String, Set<String>> indexReferences = new LinkedHashMap<>();

    /** Returns the handler class instances, for the filter callbacks' binding. */
    Instances instances() {
        return instances;
    }

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
        read(cls, null);
    }

    /**
     * Reads every handler of an object, bound to that object rather than to an instance
     * the operator creates: for beans of DI containers.
     *
     * @param cls the class declaring the handlers, e.g. the bean's class without a proxy
     * @param instance the object, an instance of {@code cls}; {@code null} to create one
     */
    void read(Class<?> cls, Object instance) {
        if (instance != null) {
            instances.provide(cls, instance);
        }
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
        checkDuplicateBackgroundIds();
        checkIndexReferences();
        AdmissionDeclarations.checkDuplicateIds(webhooks, this::problem);
        if (!problems.isEmpty()) {
            throw new HandlerDeclarationException(List.copyOf(problems));
        }
        return new OperatorRegistry(changing, watching, spawning, indexing, activities,
                webhooks);
    }

    private boolean checkClass(Class<?> cls) {
        String name = cls.getName();
        if (instances.isProvided(cls)) {
            // A given object needs no constructor, so only the handles' access matters.
            return checkPublic(cls);
        }
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
        return checkPublic(cls);
    }

    private boolean checkPublic(Class<?> cls) {
        if (!Modifier.isPublic(cls.getModifiers())) {
            problem("Class " + cls.getName() + " must be public, so that its handlers can be"
                    + " called.", cls.getName());
            return false;
        }
        return true;
    }

    private void readHandler(Class<?> cls, Method method, Found found, boolean callable) {
        String title = found.entry().title();
        Family family = found.entry().family();
        String location = location(method);
        List<String> here = new ArrayList<>();
        boolean isPublic = Modifier.isPublic(method.getModifiers());
        if (!isPublic) {
            here.add(title + " method must be public.");
        }
        String whenName = found.attributes().string("when", "");
        HandlerFn when = callbacks.readWhen(cls, whenName, family.whenKind(), here, callable);
        Parsed parsed = parse(found, when, here).withValueFilters(
                callbacks.readCallbacks(cls, found.attributes(), here, callable));
        if (family == Family.LOGIN && method.getReturnType() != ConnectionInfo.class) {
            here.add(title + " method must return ConnectionInfo, not "
                    + method.getReturnType().getTypeName() + ".");
        }
        HandlerFn fn = bind(cls, method, family.kind(), here, callable && isPublic);
        rememberIndexReferences(method, location);
        here.forEach(sentence -> problem(sentence, location));
        if (!here.isEmpty() || fn == null || (!whenName.isEmpty() && when == null)) {
            return;
        }
        add(found, parsed, fn, method.getName(), location);
    }

    /**
     * Reads every handler registered as a function.
     *
     * @param registry the functional registrations
     */
    void read(HandlerRegistry registry) {
        for (HandlerRegistry.Registration registration : registry.registrations()) {
            readRegistration(registration);
        }
    }

    private void readRegistration(HandlerRegistry.Registration registration) {
        HandlerAnnotations.Entry entry = HandlerAnnotations.entry(registration.annotation());
        Found found = new Found(entry, Attributes.of(registration.options()));
        Family family = entry.family();
        List<String> here = new ArrayList<>();
        FunctionShape shape = shape(registration.fn(), here);
        String location = registration.title() + " with "
                + (shape == null ? "a function" : shape.description());
        for (String option : registration.options().keySet()) {
            if (!HandlerAnnotations.declares(registration.annotation(), option)) {
                here.add(entry.title() + " has no option '" + option + "'. Its options are "
                        + HandlerAnnotations.options(registration.annotation()) + ".");
            }
        }
        HandlerFn when = null;
        if (registration.when() != null) {
            FunctionShape whenShape = shape(registration.when(), here);
            when = whenShape == null ? null : Invoker.bindFunction(registration.when(),
                    whenShape.call(), whenShape.parameters(), family.whenKind(), here);
        }
        Parsed parsed = parse(found, when, here);
        parsed = parsed.withValueFilters(ValueFilters.read(registration, here));
        HandlerFn fn = shape == null ? null : Invoker.bindFunction(registration.fn(),
                shape.call(), shape.parameters(), family.kind(), here);
        here.forEach(sentence -> problem(sentence, location));
        if (!here.isEmpty() || fn == null) {
            return;
        }
        String defaultId = shape.method() != null ? shape.method() : entry.defaultId();
        add(found, parsed, fn, defaultId, location);
    }

    private static FunctionShape shape(Object fn, List<String> here) {
        try {
            return FunctionShape.of(fn);
        } catch (IllegalArgumentException e) {
            here.add(e.getMessage());
            return null;
        }
    }

    /** The options of one handler, read from its annotation or registration. */
    private record Parsed(Selector selector, Filters filters, Options options, Timing timing) {
        Parsed withValueFilters(Filters.Callbacks callbacks) {
            return new Parsed(selector, filters == null ? null : filters.with(callbacks),
                    options, timing);
        }
    }

    private Parsed parse(Found found, HandlerFn when, List<String> here) {
        String title = found.entry().title();
        Family family = found.entry().family();
        Attributes attributes = found.attributes();
        Selector selector = family.isActivity() ? null : readSelector(attributes, here);
        Filters filters = family.isActivity() ? Filters.NONE : readFilters(found, when, here);
        Options options = readOptions(title, attributes, here);
        Timing timing = Timing.read(title, family, attributes, here);
        AdmissionDeclarations.check(title, family, attributes, here);
        return new Parsed(selector, filters, options, timing);
    }

    private void add(Found found, Parsed parsed, HandlerFn fn, String defaultId,
            String location) {
        Family family = found.entry().family();
        Attributes attributes = found.attributes();
        Selector selector = parsed.selector();
        Filters filters = parsed.filters();
        Options options = parsed.options();
        Timing timing = parsed.timing();
        String field = attributes.string("field", "");
        String id = attributes.string("id", "");
        id = (id.isEmpty() ? defaultId : id) + (field.isEmpty() ? "" : "/" + field);
        String param = attributes.string("param", "");
        ErrorsMode errors = attributes.choice("errors", ErrorsMode.TEMPORARY);
        switch (family) {
            case CHANGING -> changing.add(new ChangingHandler(id, selector,
                    found.entry().reasons(), filters, fn, errors, options.retries(),
                    options.timeout(), options.backoff(), param, attributes.flag("optional"),
                    attributes.flag("deleted"), location));
            case WATCHING -> watching.add(new WatchingHandler(id, selector, filters, fn,
                    attributes.choice("errors", ErrorsMode.IGNORED), param, location));
            case DAEMON -> spawning.add(new DaemonHandler(id, selector, filters, fn, errors,
                    options.retries(), options.timeout(), options.backoff(), param,
                    timing.initialDelay(), timing.cancellationBackoff(),
                    timing.cancellationTimeout(), timing.cancellationPolling(), location));
            case TIMER -> spawning.add(new TimerHandler(id, selector, filters, fn, errors,
                    options.retries(), options.timeout(), options.backoff(), param,
                    timing.initialDelay(), timing.interval(), timing.idle(),
                    attributes.flag("sharp"), location));
            case INDEXING -> indexing.add(new IndexingHandler(id, selector, filters, fn,
                    attributes.choice("errors", ErrorsMode.IGNORED), options.retries(),
                    options.timeout(), options.backoff(), param, location));
            case VALIDATING, MUTATING -> webhooks.add(AdmissionDeclarations.handler(id,
                    family, selector, filters, fn, attributes, location));
            default -> activities.add(new ActivityHandler(id, family.activity(), fn, errors,
                    options.retries(), options.timeout(), options.backoff(), param, location));
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

    HandlerFn bind(Class<?> cls, Method method, Invoker.Kind kind, List<String> here,
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

    /** Ids of daemons, timers, indexes and activities key their state, so they are unique. */
    private void checkDuplicateBackgroundIds() {
        for (int i = 0; i < spawning.size(); i++) {
            for (int j = i + 1; j < spawning.size(); j++) {
                SpawningHandler a = spawning.get(i);
                SpawningHandler b = spawning.get(j);
                if (a.id().equals(b.id())
                        && DuplicateIds.selectorsOverlap(a.selector(), b.selector())) {
                    problem("Daemon or timer id '" + a.id() + "' is declared twice for "
                            + a.selector() + ". Give one of them another id, e.g. id = \""
                            + DuplicateIds.suggest(b.location()) + "\".", a.location(),
                            b.location());
                }
            }
        }
        Map<String, IndexingHandler> indexes = new LinkedHashMap<>();
        for (IndexingHandler handler : indexing) {
            IndexingHandler first = indexes.putIfAbsent(handler.id(), handler);
            if (first != null) {
                problem("Index id '" + handler.id() + "' is declared twice. Index ids name the"
                        + " indexes, so give one of them another id, e.g. id = \""
                        + DuplicateIds.suggest(handler.location()) + "\".", first.location(),
                        handler.location());
            }
        }
        Map<String, ActivityHandler> seen = new LinkedHashMap<>();
        for (ActivityHandler handler : activities) {
            ActivityHandler first = seen.putIfAbsent(handler.activity() + "/" + handler.id(),
                    handler);
            if (first != null) {
                problem(handler.activity().title() + " handler id '" + handler.id()
                        + "' is declared twice. Give one of them another id, e.g. id = \""
                        + DuplicateIds.suggest(handler.location()) + "\".", first.location(),
                        handler.location());
            }
        }
    }

    void rememberIndexReferences(Method method, String location) {
        for (Parameter parameter : method.getParameters()) {
            IndexOf index = parameter.getAnnotation(IndexOf.class);
            if (index != null) {
                indexReferences.computeIfAbsent(index.value(), k -> new LinkedHashSet<>())
                        .add(location);
            }
        }
    }

    private void checkIndexReferences() {
        Set<String> declared = new TreeSet<>();
        indexing.forEach(handler -> declared.add(handler.id()));
        indexReferences.forEach((id, locations) -> {
            if (!declared.contains(id)) {
                problem("@IndexOf(\"" + id + "\") names no index. " + (declared.isEmpty()
                        ? "Declare an @Index handler with that id."
                        : "Declared indexes: " + String.join(", ", declared) + "."),
                        locations.toArray(String[]::new));
            }
        });
    }

    void problem(String sentences, String... locations) {
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

    static Duration seconds(double seconds) {
        long whole = (long) seconds;
        return Duration.ofSeconds(whole, Math.round((seconds - whole) * 1e9));
    }

    /** The retry options of a handler. */
    private record Options(int retries, Duration timeout, Duration backoff) {
    }
}
