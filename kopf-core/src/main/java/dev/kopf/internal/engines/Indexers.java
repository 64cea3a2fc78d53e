package dev.kopf.internal.engines;

import dev.kopf.Context;
import dev.kopf.HandlerOutcome;
import dev.kopf.IndexView;
import dev.kopf.internal.actions.HandlerExecutor;
import dev.kopf.internal.actions.HandlerExecutor.CycleOutcome;
import dev.kopf.internal.intents.IndexingHandler;
import dev.kopf.internal.structs.DictPaths;
import dev.kopf.storage.ProgressRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * The operator's indexes, as Kopf's {@code indexing.py}: one {@link KeyedIndex} per
 * {@code @Index} handler, created up front, and the indexing of each object's events.
 *
 * <p>Called by the resource processor on the object's worker, before anything else is done
 * with the event; handlers read the indexes through {@link #lookup()}.
 */
public final class Indexers {

    private final Map<String, KeyedIndex> indexes;
    private volatile HandlerExecutor executor;

    /**
     * Creates the (empty) indexes of every index handler, as Kopf's {@code ensure}: they
     * exist, empty, from the start, so that startup handlers can be given them.
     *
     * @param handlers all index handlers
     */
    public Indexers(List<IndexingHandler> handlers) {
        Map<String, KeyedIndex> created = new HashMap<>();
        handlers.forEach(handler -> created.put(handler.id(), new KeyedIndex()));
        this.indexes = Collections.unmodifiableMap(created);
    }

    /**
     * Sets what runs the handlers: made once the startup handlers have settled the settings,
     * before any object is indexed.
     *
     * @param handlerExecutor the executor
     */
    public void use(HandlerExecutor handlerExecutor) {
        this.executor = handlerExecutor;
    }

    /**
     * Returns how handlers find an index by id.
     *
     * @return the lookup; {@code null} for unknown ids
     */
    public Function<String, IndexView<?, ?>> lookup() {
        return indexes::get;
    }

    /**
     * Returns the ids of the index handlers, for the meters.
     *
     * @return the ids
     */
    public java.util.Set<String> ids() {
        return indexes.keySet();
    }

    /**
     * Tells whether there are any indexes at all.
     *
     * @return {@code true} when some {@code @Index} handler exists
     */
    public boolean isEmpty() {
        return indexes.isEmpty();
    }

    /**
     * Updates the indexes from one event of an object, as Kopf's {@code index_resource}: a
     * deletion discards the object's entries; otherwise the matching handlers are called, and
     * their results replace the object's entries. Errors are logged and never thrown.
     *
     * @param handlers the index handlers of the object's resource
     * @param deleted whether the event is a deletion
     * @param body the object
     * @param memory the object's indexing memory
     * @param contexts makes a handler's context (also for its {@code when} filter)
     * @param logger the object's (terse) logger
     */
    public void indexResource(List<IndexingHandler> handlers, boolean deleted,
            Map<String, Object> body, Memory memory,
            Function<IndexingHandler, Context> contexts, Logger logger) {
        String object = objectKey(body);
        if (deleted) {
            handlers.forEach(handler -> indexes.get(handler.id()).discard(object));
            memory.failures.clear();
            return;
        }
        List<IndexingHandler> matching = new ArrayList<>();
        for (IndexingHandler handler : handlers) {
            if (matches(handler, body, contexts, logger)) {
                matching.add(handler);
            }
        }
        Set<String> ignored = new HashSet<>();
        CycleOutcome outcome = executor.executeHandlers(matching, "index",
                new LinkedHashMap<>(memory.failures),
                (handler, retry, subhandlers) -> contexts.apply((IndexingHandler) handler),
                logger, (id, attempt, result, message) -> {
                    if (result == HandlerOutcome.Result.IGNORED) {
                        ignored.add(id);
                    }
                });
        for (IndexingHandler handler : handlers) {
            apply(indexes.get(handler.id()), object, outcome, handler.id(),
                    ignored.contains(handler.id()));
            // Kopf remembers failures and retries, not successes: a permanent failure is
            // never called again for this object, a temporary one after its delay.
            ProgressRecord record = outcome.records().get(handler.id());
            if (record != null && !record.success() && !ignored.contains(handler.id())) {
                memory.failures.put(handler.id(), record);
            } else if (record != null) {
                memory.failures.remove(handler.id());
            }
        }
    }

    // Kopf's OperatorIndexers.replace: a result replaces the object's entries; no result
    // (null, or an error in IGNORED mode) keeps them, stale but good enough; a failure,
    // a sleeping retry, a permanent exclusion or filters that no longer match drop them.
    private static void apply(KeyedIndex index, String object, CycleOutcome outcome,
            String id, boolean ignored) {
        ProgressRecord record = outcome.records().get(id);
        Object result = outcome.results().get(id);
        if (record != null && (ignored || (record.success() && result == null))) {
            return;
        }
        if (record != null && record.success()) {
            index.replace(object, result instanceof Map<?, ?> map
                    ? map : Collections.singletonMap(null, result));
        } else {
            index.discard(object);
        }
    }

    private static boolean matches(IndexingHandler handler, Map<String, Object> body,
            Function<IndexingHandler, Context> contexts, Logger logger) {
        try {
            return handler.matches(body,
                    handler.filters().when() == null ? null : contexts.apply(handler));
        } catch (Exception e) {
            logger.error("The 'when' filter of handler '{}' failed: {}", handler.id(),
                    e.toString());
            return false;
        }
    }

    /** The object's key within the indexes, as Kopf's {@code make_key}. */
    static String objectKey(Map<String, Object> body) {
        return DictPaths.resolve(body, List.of("metadata", "namespace")) + "/"
                + DictPaths.resolve(body, List.of("metadata", "name")) + "/"
                + DictPaths.resolve(body, List.of("metadata", "uid"));
    }

    /**
     * What indexing remembers per object, as Kopf's indexing state: failures and retries,
     * never successes. Confined to the object's worker; forgotten with the object.
     */
    public static final class Memory {
        private final Map<String, ProgressRecord> failures = new HashMap<>();
    }
}
