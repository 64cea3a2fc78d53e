package dev.kopf.internal.reactor;

import dev.kopf.Body;
import dev.kopf.DaemonStoppingReason;
import dev.kopf.Patch;
import dev.kopf.RawEvent;
import dev.kopf.Resource;
import dev.kopf.internal.actions.CurrentContext;
import dev.kopf.internal.actions.DefaultContext;
import dev.kopf.internal.actions.ObjectLogger;
import dev.kopf.internal.engines.Daemons;
import dev.kopf.internal.engines.Indexers;
import dev.kopf.internal.engines.Spawn;
import dev.kopf.internal.intents.IndexingHandler;
import dev.kopf.internal.intents.OperatorRegistry;
import dev.kopf.internal.intents.SpawningHandler;
import dev.kopf.internal.intents.WatchingHandler;
import dev.kopf.internal.metrics.Meters;
import dev.kopf.internal.structs.DictPaths;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The low-level steps of processing an object, which do not depend on its stored state:
 * indexing, the event handlers (spies), and its daemons and timers. Kopf's
 * {@code index_resource}, {@code process_watching_cause} and {@code process_spawning_cause}.
 *
 * <p>Called by the resource processor on the object's worker. Kept apart so that the
 * processor reads as the changing cycle it mostly is.
 */
final class LowLevelProcessing {

    /**
     * What the daemons step decided.
     *
     * @param requiresFinalizer whether daemons or timers need the object's finalizer
     * @param stopped whether all of the object's daemons and timers have exited (or been
     *     abandoned): only then may a deleted object's finalizer go
     */
    record Spawning(boolean requiresFinalizer, boolean stopped) {
        static final Spawning NONE = new Spawning(false, true);
    }

    private final OperatorRegistry registry;
    private final KubernetesClient client;
    private final Indexers indexers;
    private final Daemons daemons;
    private final Consumer<String> poke;
    private final Meters meters;

    LowLevelProcessing(OperatorRegistry registry, KubernetesClient client, Indexers indexers,
            Daemons daemons, Consumer<String> poke, Meters meters) {
        this.registry = registry;
        this.client = client;
        this.indexers = indexers;
        this.daemons = daemons;
        this.poke = poke;
        this.meters = meters;
    }

    /** The context every handler of an object starts from. */
    DefaultContext.Builder baseContext(Resource resource, ObjectMemory memory,
            Map<String, Object> body, ObjectLogger log) {
        return DefaultContext.builder().body(new Body(body)).logger(log).memo(memory.memo)
                .resource(resource).client(client).indices(indexers.lookup());
    }

    /**
     * Indexes an object's event, once per resourceVersion, as Kopf's {@code index_resource}.
     *
     * @return whether the object's resource has index handlers
     */
    boolean indexResource(Resource resource, ObjectMemory memory, boolean deleted,
            Map<String, Object> body, ObjectLogger log) {
        List<IndexingHandler> handlers = registry.indexingHandlersFor(resource);
        if (handlers.isEmpty()) {
            return false;
        }
        Object version = DictPaths.resolve(body, List.of("metadata", "resourceVersion"));
        if (deleted || version == null || !version.equals(memory.indexedVersion)) {
            if (memory.indexing == null) {
                memory.indexing = new Indexers.Memory();
            }
            ObjectLogger terse = log.terse();
            DefaultContext base = baseContext(resource, memory, body, terse).build();
            indexers.indexResource(handlers, deleted, body, memory.indexing,
                    handler -> base.toBuilder().handlerId(handler.id())
                            .param(handler.param()).build(), terse);
            memory.indexedVersion = version;
        }
        return true;
    }

    /** Calls the event handlers: spies see every raw event and store nothing. */
    void runEventHandlers(Resource resource, ObjectMemory memory, String type,
            Map<String, Object> body, ObjectLogger log) {
        for (WatchingHandler handler : registry.watchingHandlersFor(resource)) {
            DefaultContext context = baseContext(resource, memory, body, log).patch(new Patch())
                    .event(new RawEvent(type, body)).param(handler.param())
                    .handlerId(handler.id()).build();
            try {
                if (!handler.matches(body, context)) {
                    continue;
                }
                long started = meters.startTime();
                try {
                    CurrentContext.call(handler.fn(), context);
                } catch (Exception e) {
                    meters.handlerCalled(handler.id(), resource.name(), "event",
                            Meters.Outcome.PERMANENT, started);
                    throw e;
                }
                meters.handlerCalled(handler.id(), resource.name(), "event",
                        Meters.Outcome.SUCCESS, started);
                log.info("Handler '{}' succeeded.", handler.id());
            } catch (Exception e) {
                log.error("Handler '" + handler.id()
                        + "' failed with an exception and will ignore it: {}", e.toString(), e);
            }
        }
    }

    /**
     * Follows the object with its daemons and timers, as Kopf's
     * {@code process_spawning_cause}: spawns the matching ones, stops those that no longer
     * match, and stops all of them once the object is being deleted.
     *
     * @param essence the object's current essence: its changes restart the idle time
     */
    Spawning spawn(Resource resource, ObjectMemory memory, Map<String, Object> body,
            Map<String, Object> essence, boolean deleting, ObjectLogger log) {
        List<SpawningHandler> handlers = registry.spawningHandlersFor(resource);
        if (handlers.isEmpty()) {
            return Spawning.NONE;
        }
        if (memory.daemons == null) {
            memory.daemons = daemons.newMemory(body);
        }
        memory.daemons.refresh(body, essence);
        if (deleting) {
            return new Spawning(false,
                    daemons.stopAll(memory.daemons, DaemonStoppingReason.RESOURCE_DELETED));
        }
        DefaultContext base = baseContext(resource, memory, body, log).build();
        List<SpawningHandler> matching = new ArrayList<>();
        for (SpawningHandler handler : handlers) {
            try {
                if (handler.matches(body, handler.filters().when() == null ? null
                        : base.toBuilder().param(handler.param()).handlerId(handler.id())
                                .build())) {
                    matching.add(handler);
                }
            } catch (Exception e) {
                log.error("The 'when' filter of handler '{}' failed: {}", handler.id(),
                        e.toString());
            }
        }
        String key = ObjectQueue.key(resource, body);
        daemons.spawnAndMatch(memory.daemons, matching, new Spawn(resource, log,
                base.toBuilder().body(null).build(), () -> poke.accept(key)));
        return new Spawning(Daemons.requiresFinalizer(memory.daemons, matching), true);
    }

    /** Stops the daemons of an object that is gone from the cluster. */
    void forget(ObjectMemory memory) {
        if (memory.daemons != null) {
            daemons.stopAll(memory.daemons, DaemonStoppingReason.RESOURCE_DELETED);
        }
    }
}
