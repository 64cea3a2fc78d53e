package dev.kopf.internal.intents;

import dev.kopf.Context;
import dev.kopf.Resource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every handler of one operator, as Kopf's {@code OperatorRegistry}; immutable.
 *
 * <p>Built once by discovery; read by the runtime to decide which resources to watch and
 * which handlers apply to an object. Handlers keep their declaration order, which is the
 * order Kopf's lifecycles start from.
 */
public final class OperatorRegistry {

    private final List<ChangingHandler> changingHandlers;
    private final List<WatchingHandler> watchingHandlers;
    private final List<SpawningHandler> spawningHandlers;
    private final List<IndexingHandler> indexingHandlers;
    private final List<ActivityHandler> activityHandlers;
    private final List<WebhookHandler> webhookHandlers;
    private final Set<Selector> selectors;

    /**
     * Creates a registry of resource-changing and event handlers only.
     *
     * @param changingHandlers the changing handlers, in declaration order
     * @param watchingHandlers the event handlers, in declaration order
     */
    public OperatorRegistry(List<ChangingHandler> changingHandlers,
            List<WatchingHandler> watchingHandlers) {
        this(changingHandlers, watchingHandlers, List.of(), List.of(), List.of());
    }

    /**
     * Creates a registry.
     *
     * @param changingHandlers the changing handlers, in declaration order
     * @param watchingHandlers the event handlers, in declaration order
     * @param spawningHandlers the daemons and timers, in declaration order
     * @param indexingHandlers the index handlers, in declaration order
     * @param activityHandlers the startup, cleanup, login and probe handlers
     */
    public OperatorRegistry(List<ChangingHandler> changingHandlers,
            List<WatchingHandler> watchingHandlers, List<SpawningHandler> spawningHandlers,
            List<IndexingHandler> indexingHandlers, List<ActivityHandler> activityHandlers) {
        this(changingHandlers, watchingHandlers, spawningHandlers, indexingHandlers,
                activityHandlers, List.of());
    }

    /**
     * Creates a registry with admission handlers too.
     *
     * @param changingHandlers the changing handlers, in declaration order
     * @param watchingHandlers the event handlers, in declaration order
     * @param spawningHandlers the daemons and timers, in declaration order
     * @param indexingHandlers the index handlers, in declaration order
     * @param activityHandlers the startup, cleanup, login and probe handlers
     * @param webhookHandlers the validating and mutating handlers, in declaration order;
     *     their resources are not watched
     */
    public OperatorRegistry(List<ChangingHandler> changingHandlers,
            List<WatchingHandler> watchingHandlers, List<SpawningHandler> spawningHandlers,
            List<IndexingHandler> indexingHandlers, List<ActivityHandler> activityHandlers,
            List<WebhookHandler> webhookHandlers) {
        this.webhookHandlers = List.copyOf(webhookHandlers);
        this.changingHandlers = List.copyOf(changingHandlers);
        this.watchingHandlers = List.copyOf(watchingHandlers);
        this.spawningHandlers = List.copyOf(spawningHandlers);
        this.indexingHandlers = List.copyOf(indexingHandlers);
        this.activityHandlers = List.copyOf(activityHandlers);
        Set<Selector> all = new LinkedHashSet<>();
        this.changingHandlers.forEach(handler -> all.add(handler.selector()));
        this.watchingHandlers.forEach(handler -> all.add(handler.selector()));
        this.spawningHandlers.forEach(handler -> all.add(handler.selector()));
        this.indexingHandlers.forEach(handler -> all.add(handler.selector()));
        this.selectors = Collections.unmodifiableSet(all);
    }

    /**
     * Returns every changing handler.
     *
     * @return the handlers, in declaration order
     */
    public List<ChangingHandler> changingHandlers() {
        return changingHandlers;
    }

    /**
     * Returns every event handler.
     *
     * @return the handlers, in declaration order
     */
    public List<WatchingHandler> watchingHandlers() {
        return watchingHandlers;
    }

    /**
     * Returns every admission handler.
     *
     * @return the handlers, in declaration order
     */
    public List<WebhookHandler> webhookHandlers() {
        return webhookHandlers;
    }

    /**
     * Returns the selectors of all handlers: what the operator wants to watch.
     *
     * @return the distinct selectors, in declaration order
     */
    public Set<Selector> selectors() {
        return selectors;
    }

    /**
     * Returns the changing handlers whose selector matches a resource.
     *
     * @param resource a served resource
     * @return the handlers, in declaration order
     */
    public List<ChangingHandler> changingHandlersFor(Resource resource) {
        List<ChangingHandler> result = new ArrayList<>();
        for (ChangingHandler handler : changingHandlers) {
            if (handler.selector().matches(resource)) {
                result.add(handler);
            }
        }
        return List.copyOf(result);
    }

    /**
     * Returns the event handlers whose selector matches a resource.
     *
     * @param resource a served resource
     * @return the handlers, in declaration order
     */
    public List<WatchingHandler> watchingHandlersFor(Resource resource) {
        List<WatchingHandler> result = new ArrayList<>();
        for (WatchingHandler handler : watchingHandlers) {
            if (handler.selector().matches(resource)) {
                result.add(handler);
            }
        }
        return List.copyOf(result);
    }

    /**
     * Returns the daemons and timers whose selector matches a resource.
     *
     * @param resource a served resource
     * @return the handlers, in declaration order
     */
    public List<SpawningHandler> spawningHandlersFor(Resource resource) {
        return spawningHandlers.stream().filter(h -> h.selector().matches(resource)).toList();
    }

    /**
     * Returns the index handlers whose selector matches a resource.
     *
     * @param resource a served resource
     * @return the handlers, in declaration order
     */
    public List<IndexingHandler> indexingHandlersFor(Resource resource) {
        return indexingHandlers.stream().filter(h -> h.selector().matches(resource)).toList();
    }

    /**
     * Returns every index handler.
     *
     * @return the handlers, in declaration order
     */
    public List<IndexingHandler> indexingHandlers() {
        return indexingHandlers;
    }

    /**
     * Returns every daemon and timer.
     *
     * @return the handlers, in declaration order
     */
    public List<SpawningHandler> spawningHandlers() {
        return spawningHandlers;
    }

    /**
     * Returns the handlers of one activity.
     *
     * @param activity the activity
     * @return the handlers, in declaration order
     */
    public List<ActivityHandler> activityHandlers(Activity activity) {
        return activityHandlers.stream().filter(h -> h.activity() == activity).toList();
    }

    /**
     * Tells whether an object must carry the finalizer, as Kopf's {@code requires_finalizer}:
     * a non-optional delete handler matches its resource, labels, annotations and field value
     * (read from the body). Unlike Kopf, {@code when} callbacks are not consulted here: the
     * runtime calls {@link ChangingHandler#prematches} for that.
     *
     * @param resource the object's resource
     * @param body the object
     * @return {@code true} when a finalizer is needed
     */
    public boolean requiresFinalizer(Resource resource, Map<String, Object> body) {
        for (ChangingHandler handler : changingHandlers) {
            if (handler.requiresFinalizer() && handler.selector().matches(resource)
                    && handler.filters().matchesMeta(body)
                    && handler.filters().matchesFieldValues(body, null, null, false)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tells whether an object must carry the finalizer, exactly as Kopf's
     * {@code requires_finalizer}: a non-optional delete handler
     * {@linkplain ChangingHandler#prematches prematches} the changing cause.
     *
     * @param resource the object's resource
     * @param body the object
     * @param oldEssence the old essence, or {@code null}
     * @param newEssence the new essence
     * @param contexts makes the context for a handler's {@code when} callback, when it has one
     * @return {@code true} when a finalizer is needed
     * @throws Exception whatever a {@code when} callback throws
     */
    public boolean requiresFinalizer(Resource resource, Map<String, Object> body,
            Object oldEssence, Object newEssence, Function<ChangingHandler, Context> contexts)
            throws Exception {
        for (ChangingHandler handler : changingHandlers) {
            if (handler.requiresFinalizer() && handler.selector().matches(resource)
                    && prematches(handler, body, oldEssence, newEssence, contexts)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tells whether any changing handler prematches an object, as Kopf's registry-level
     * {@code prematch}: when none does, the object is ignored silently (Kopf's stealth mode).
     *
     * @param resource the object's resource
     * @param body the object
     * @param oldEssence the old essence, or {@code null}
     * @param newEssence the new essence
     * @param contexts makes the context for a handler's {@code when} callback, when it has one
     * @return {@code true} when at least one handler prematches
     * @throws Exception whatever a {@code when} callback throws
     */
    public boolean prematches(Resource resource, Map<String, Object> body, Object oldEssence,
            Object newEssence, Function<ChangingHandler, Context> contexts) throws Exception {
        for (ChangingHandler handler : changingHandlers) {
            if (handler.selector().matches(resource)
                    && prematches(handler, body, oldEssence, newEssence, contexts)) {
                return true;
            }
        }
        return false;
    }

    private static boolean prematches(ChangingHandler handler, Map<String, Object> body,
            Object oldEssence, Object newEssence, Function<ChangingHandler, Context> contexts)
            throws Exception {
        Context context = handler.filters().when() == null ? null : contexts.apply(handler);
        return handler.prematches(body, oldEssence, newEssence, context);
    }

    /**
     * Tells whether there are no handlers at all.
     *
     * @return {@code true} when empty
     */
    public boolean isEmpty() {
        return changingHandlers.isEmpty() && watchingHandlers.isEmpty()
                && spawningHandlers.isEmpty() && indexingHandlers.isEmpty()
                && activityHandlers.isEmpty();
    }

    @Override
    public String toString() {
        return "OperatorRegistry[" + changingHandlers.size() + " changing, "
                + watchingHandlers.size() + " watching, " + spawningHandlers.size()
                + " spawning, " + indexingHandlers.size() + " indexing, "
                + activityHandlers.size() + " activities]";
    }
}
