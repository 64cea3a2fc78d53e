package dev.kopf.internal.reactor;

import dev.kopf.Context;
import dev.kopf.Diff;
import dev.kopf.OperatorSettings;
import dev.kopf.Patch;
import dev.kopf.Resource;
import dev.kopf.internal.actions.Applier;
import dev.kopf.internal.actions.DefaultContext;
import dev.kopf.internal.actions.ExecutableHandler;
import dev.kopf.internal.actions.HandlerExecutor;
import dev.kopf.internal.actions.HandlerExecutor.CycleOutcome;
import dev.kopf.internal.actions.ObjectLogger;
import dev.kopf.internal.intents.CauseReason;
import dev.kopf.internal.intents.Causes;
import dev.kopf.internal.intents.ChangingCause;
import dev.kopf.internal.intents.ChangingHandler;
import dev.kopf.internal.intents.OperatorRegistry;
import dev.kopf.internal.structs.CompactJson;
import dev.kopf.internal.structs.DictPaths;
import dev.kopf.internal.structs.Diffs;
import dev.kopf.internal.structs.Finalizers;
import dev.kopf.storage.ProgressRecord;
import dev.kopf.storage.ProgressStorage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one object's latest state: event handlers, cause detection, finalizers, the
 * changing handlers, and the one patch per endpoint that stores what happened. Kopf's
 * {@code process_resource_event}, run on the object's worker thread.
 */
final class ResourceProcessor {

    private static final Logger logger = LoggerFactory.getLogger("kopf.reactor.processing");
    private static final String CYCLE_FINISHED =
            "Handling cycle is finished, waiting for new changes.";

    /**
     * What a processing step leaves to the worker.
     *
     * @param wakeUp when to process the object again without a new event; {@code null}
     * @param patchedVersion the resourceVersion of the operator's own write, to wait for
     * @param forget whether the object is gone and its memory can be dropped
     * @param postponedUntil when the event is to be processed again because the indexes are
     *     not complete yet; {@code null} when it was processed
     */
    record Result(Instant wakeUp, String patchedVersion, boolean forget,
            CompletableFuture<Void> postponedUntil) {
        static final Result NOTHING = new Result(null, null, false, null);
        static final Result FORGET = new Result(null, null, true, null);

        Result(Instant wakeUp, String patchedVersion, boolean forget) {
            this(wakeUp, patchedVersion, forget, null);
        }
    }

    /**
     * What the processor works with, made once by the reactor after the startup handlers.
     *
     * @param registry the handlers
     * @param settings the settings in force
     * @param applier writes patches
     * @param loggers makes an object's logger
     * @param clock the clock
     * @param outcomeListeners receive each changing handler's attempt
     * @param low the low-level steps: indexing, event handlers, daemons
     * @param gate holds handlers back until the indexes are complete
     */
    record Config(OperatorRegistry registry, OperatorSettings settings, Applier applier,
            Function<Map<String, Object>, ObjectLogger> loggers, Clock clock,
            List<java.util.function.Consumer<dev.kopf.HandlerOutcome>> outcomeListeners,
            LowLevelProcessing low, IndexGate gate) {
    }

    private final OperatorRegistry registry;
    private final OperatorSettings settings;
    private final Applier applier;
    private final HandlerExecutor executor;
    private final Function<Map<String, Object>, ObjectLogger> loggers;
    private final Clock clock;
    private final List<java.util.function.Consumer<dev.kopf.HandlerOutcome>> outcomeListeners;
    private final LowLevelProcessing low;
    private final IndexGate gate;
    private final ObjectWriter writer;
    private final PatchEchoes echoes;

    ResourceProcessor(Config config, HandlerExecutor executor) {
        this.registry = config.registry();
        this.settings = config.settings();
        this.applier = config.applier();
        this.loggers = config.loggers();
        this.clock = config.clock();
        this.outcomeListeners = config.outcomeListeners();
        this.low = config.low();
        this.gate = config.gate();
        this.executor = executor.withLifecycle(settings.execution().lifecycle());
        this.writer = new ObjectWriter(applier, settings.persistence());
        this.echoes = new PatchEchoes(settings.persistence());
    }

    Result processResourceEvent(Resource resource, ObjectMemory memory, String type,
            Map<String, Object> body) {
        ObjectLogger objectLogger = loggers.apply(body);
        boolean wakeUp = ObjectQueue.WAKEUP.equals(type);
        boolean deleted = "DELETED".equals(type);
        // Indexes first: they must be complete before any other handler runs, as in Kopf.
        if (!wakeUp && low.indexResource(resource, memory, deleted, body, objectLogger)) {
            gate.indexed(ObjectQueue.key(resource, body));
        }
        if (!gate.isOpen()) {
            return new Result(null, null, false, gate.opened());
        }
        // Event handlers are spies: they see every raw event and store nothing.
        if (!wakeUp) {
            low.runEventHandlers(resource, memory, type, body, objectLogger);
        }
        List<ChangingHandler> handlers = registry.changingHandlersFor(resource);
        if (deleted) {
            low.forget(memory);
            if (!handlers.isEmpty() && memory.handled) {
                objectLogger.info("Deleted, really deleted, and we are notified.");
            }
            return Result.FORGET;
        }
        if (PatchEchoes.isQuietEcho(memory, type, body)) {
            // Our own patch's echo, judged when the patch returned: the lines of its cycle.
            objectLogger.debug("Something has changed, but we are not interested (the essence"
                    + " is the same).");
            objectLogger.debug(CYCLE_FINISHED);
            return Result.NOTHING;
        }
        if (handlers.isEmpty() && registry.spawningHandlersFor(resource).isEmpty()) {
            return Result.NOTHING;
        }
        return processCauses(resource, memory, type, body, handlers, objectLogger);
    }

    private Result processCauses(Resource resource, ObjectMemory memory, String type,
            Map<String, Object> body, List<ChangingHandler> handlers, ObjectLogger log) {
        String finalizer = settings.persistence().finalizer();
        Map<String, Object> current = body;
        Essences essences =
                Essences.of(settings.persistence(), resource, current, extraFields(handlers));
        Map<String, Object> oldEssence = essences.old();
        Map<String, Object> newEssence = essences.now();
        boolean deleting = Finalizers.isDeletionOngoing(current);
        // Daemons follow the object from its first event, before the changing handlers, and
        // are stopped as soon as it is being deleted; its finalizer waits for them.
        LowLevelProcessing.Spawning spawning =
                low.spawn(resource, memory, current, newEssence, deleting, log);
        boolean needed = spawning.requiresFinalizer() || (!handlers.isEmpty()
                && requiresFinalizer(resource, memory, current, oldEssence, newEssence, log));
        boolean present = Finalizers.hasFinalizer(current, finalizer);
        String finalizerVersion = null;
        if (!deleting && needed && !present) {
            // Before any handler, so that a deletion during handling is not missed.
            log.debug("Adding the finalizer, thus preventing the actual deletion.");
            current = writer.changeFinalizers(resource, current, finalizer, true);
            if (current == null) {
                return Result.NOTHING;
            }
            finalizerVersion = version(current);
        } else if (!deleting && !needed && present) {
            log.debug("Removing the finalizer, as there are no handlers requiring it.");
            return patched(writer.changeFinalizers(resource, current, finalizer, false));
        }
        if (handlers.isEmpty()) {
            return deleting && spawning.stopped()
                    ? releaseAfterDeletion(resource, current, finalizer, log)
                    : new Result(null, finalizerVersion, false);
        }
        Diff diff = Diffs.diff(oldEssence, newEssence);
        ChangingCause cause = Causes.detectChangingCause(type, resource, current, oldEssence,
                newEssence, diff, memory.initial, finalizer);
        if (!prematches(resource, memory, cause, log)) {
            // Stealth mode: nothing of ours is written for objects no handler cares about.
            return cause.reason() == CauseReason.DELETE && spawning.stopped()
                    ? releaseAfterDeletion(resource, current, finalizer, log) : Result.NOTHING;
        }
        Result result = switch (cause.reason()) {
            case CREATE, UPDATE, DELETE, RESUME ->
                    handleCause(resource, memory, cause, handlers, spawning.stopped(), log);
            default -> {
                log.debug(switch (cause.reason()) {
                    case GONE -> "Deleted, really deleted, and we are notified.";
                    case FREE -> "Deletion, but we are done with it, and we do not care.";
                    default -> "Something has changed, but we are not interested (the essence"
                            + " is the same).";
                });
                log.debug(CYCLE_FINISHED);
                yield Result.NOTHING;
            }
        };
        // The own finalizer patch is waited for too, when nothing was written after it.
        return result.patchedVersion() == null && finalizerVersion != null && !result.forget()
                ? new Result(result.wakeUp(), finalizerVersion, false) : result;
    }

    private static Result patched(Map<String, Object> body) {
        return body == null ? Result.NOTHING : new Result(null, version(body), false);
    }

    private static String version(Map<String, Object> body) {
        return (String) DictPaths.resolve(body, List.of("metadata", "resourceVersion"));
    }

    private Result handleCause(Resource resource, ObjectMemory memory, ChangingCause cause,
            List<ChangingHandler> all, boolean daemonsStopped, ObjectLogger log) {
        Map<String, Object> body = cause.body();
        Patch patch = new Patch();
        List<ChangingHandler> handlers = selectHandlers(all, cause, resource, memory, log);
        String title = cause.reason().title();
        ProgressStorage progress = settings.persistence().progressStorage();
        String purpose = cause.reason().toReason().value();
        Map<String, ProgressRecord> stored =
                fetchRecords(resource, handlers, body, progress, purpose, log);
        boolean finished;
        Instant wakeUp = null;
        if (handlers.isEmpty()) {
            finished = true;
        } else {
            // Not while every pending handler sleeps until its retry: other changes (e.g. a
            // timer's status) would dump the whole body on each of them.
            if (isAnyDue(handlers, stored)) {
                log.debug("{} is in progress: {}", title, body);
                if (cause.reason() == CauseReason.UPDATE) {
                    log.debug("Updating diff: {}", cause.diff());
                }
            }
            CycleOutcome outcome = executor.executeHandlers(handlers, purpose, stored,
                    (h, retry, subs) -> baseContext(resource, memory, body, cause, log, patch)
                            .forHandler(h, retry, subs, cause).build(), log,
                    outcomeReporter(resource, body, cause));
            outcome.results().forEach((id, value) -> patch.status().put(id, CompactJson.normalize(value)));
            finished = outcome.finished();
            // A deleted object whose daemons are still stopping keeps its finished records,
            // so that its deletion handlers are not called again when the daemons are done.
            boolean waiting = cause.reason() == CauseReason.DELETE && !daemonsStopped;
            writeRecords(resource, body, patch, stored, outcome, progress, waiting);
            if (finished && !outcome.records().isEmpty()) {
                log.info("{} is processed: {} succeeded; {} failed.", title,
                        outcome.succeeded(), outcome.failed());
            } else if (!finished) {
                wakeUp = outcome.wakeUp();
            }
        }
        if (finished) {
            memory.initial = false;
            memory.handled = true;
            if (cause.reason() == CauseReason.DELETE && !daemonsStopped) {
                log.debug("Deletion waits for the daemons and timers to exit.");
            } else if (cause.reason() == CauseReason.DELETE) {
                return finishDeletion(resource, body, patch, log);
            }
            if (cause.reason() != CauseReason.DELETE
                    && !Objects.equals(cause.oldEssence(), cause.newEssence())) {
                settings.persistence().diffBaseStorage().store(resource, body, patch,
                        cause.newEssence());
            }
        }
        Map<String, Object> written = writer.applyPatch(resource, body, patch, log);
        if (finished && wakeUp == null && registry.spawningHandlersFor(resource).isEmpty()) {
            memory.quietEcho = echoes.quietVersion(resource, written, extraFields(all),
                    (b, o, n) -> requiresFinalizer(resource, memory, b, o, n, log));
        }
        String version = written == null ? null : version(written);
        // As Kopf: said by the quiet cycle that ends a change (nothing patched, nothing
        // delayed), usually the echo of the last patch; never by the patching one too.
        if (patch.isEmpty() && wakeUp == null) {
            log.debug(CYCLE_FINISHED);
        }
        return new Result(wakeUp, version, false);
    }

    private boolean isAnyDue(List<ChangingHandler> handlers, Map<String, ProgressRecord> stored) {
        Instant now = clock.instant();
        for (ChangingHandler handler : handlers) {
            ProgressRecord record = stored.get(handler.id());
            if (record == null || !(record.isFinished() || record.isSleeping(now))) {
                return true;
            }
        }
        return false;
    }

    private HandlerExecutor.AttemptListener outcomeReporter(Resource resource,
            Map<String, Object> body, ChangingCause cause) {
        if (outcomeListeners.isEmpty()) {
            return null;
        }
        String namespace = (String) DictPaths.resolve(body, List.of("metadata", "namespace"));
        String name = (String) DictPaths.resolve(body, List.of("metadata", "name"));
        return (id, attempt, result, message) -> {
            var outcome = new dev.kopf.HandlerOutcome(resource, namespace, name, id,
                    cause.reason().toReason(), result, attempt, message);
            for (var listener : outcomeListeners) {
                try {
                    listener.accept(outcome);
                } catch (RuntimeException e) {
                    logger.warn("An outcome listener failed: {}", e.toString());
                }
            }
        };
    }

    private List<ChangingHandler> selectHandlers(List<ChangingHandler> all, ChangingCause cause,
            Resource resource, ObjectMemory memory, ObjectLogger log) {
        List<ChangingHandler> selected = new ArrayList<>();
        for (ChangingHandler handler : all) {
            if (matchesCause(handler, cause) && matches(handler, cause, resource, memory, log)) {
                selected.add(handler);
            }
        }
        return selected;
    }

    private static boolean matchesCause(ChangingHandler handler, ChangingCause cause) {
        boolean isResume = handler.reasons().contains(dev.kopf.Reason.RESUME);
        if (isResume) {
            // Resume handlers are mixed into the first cycle of an object in this process.
            boolean deleting = cause.reason() == CauseReason.DELETE;
            return cause.initial() && (!deleting || handler.deleted());
        }
        if (handler.reasons().isEmpty()) {
            return cause.reason() != CauseReason.DELETE;
        }
        return handler.reasons().contains(cause.reason().toReason());
    }

    private boolean matches(ChangingHandler handler, ChangingCause cause, Resource resource,
            ObjectMemory memory, ObjectLogger log) {
        try {
            Context context = handler.filters().when() == null ? null
                    : baseContext(resource, memory, cause.body(), cause, log, null).build();
            return handler.matches(cause.body(), cause.oldEssence(), cause.newEssence(),
                    context);
        } catch (Exception e) {
            log.error("The 'when' filter of handler '{}' failed: {}", handler.id(), e.toString());
            return false;
        }
    }

    private boolean prematches(Resource resource, ObjectMemory memory, ChangingCause cause,
            ObjectLogger log) {
        try {
            return registry.prematches(resource, cause.body(), cause.oldEssence(),
                    cause.newEssence(), h -> baseContext(resource, memory, cause.body(), cause,
                            log, null).build());
        } catch (Exception e) {
            log.error("A 'when' filter failed: {}", e.toString());
            return false;
        }
    }

    private boolean requiresFinalizer(Resource resource, ObjectMemory memory,
            Map<String, Object> body, Map<String, Object> oldEssence,
            Map<String, Object> newEssence, ObjectLogger log) {
        try {
            return registry.requiresFinalizer(resource, body, oldEssence, newEssence,
                    h -> low.baseContext(resource, memory, body, log).patch(new Patch())
                            .oldValue(oldEssence).newValue(newEssence).build());
        } catch (Exception e) {
            log.error("A 'when' filter failed while deciding on the finalizer: {}",
                    e.toString());
            return false;
        }
    }

    private Map<String, ProgressRecord> fetchRecords(Resource resource,
            List<ChangingHandler> handlers, Map<String, Object> body, ProgressStorage storage,
            String purpose, ObjectLogger log) {
        Map<String, ProgressRecord> records = new LinkedHashMap<>();
        List<String> pending = new ArrayList<>();
        handlers.forEach(h -> pending.add(h.id()));
        while (!pending.isEmpty()) {
            String id = pending.remove(0);
            if (records.containsKey(id)) {
                continue;
            }
            storage.fetch(resource, id, body).ifPresent(record -> {
                // A record of another cause is superseded: the handler starts afresh.
                if (record.purpose() != null && !record.purpose().equals(purpose)) {
                    log.debug("Handler '{}' of {} is superseded by {}.", id, record.purpose(),
                            purpose);
                    return;
                }
                records.put(id, record);
                pending.addAll(record.subrefs());
            });
        }
        return records;
    }

    private void writeRecords(Resource resource, Map<String, Object> body, Patch patch,
            Map<String, ProgressRecord> stored, CycleOutcome outcome, ProgressStorage storage,
            boolean keepFinished) {
        if (outcome.finished() && !keepFinished) {
            // Purge every record of the cycle: only keys that exist produce writes.
            List<String> ids = new ArrayList<>(stored.keySet());
            outcome.records().keySet().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
            ids.forEach(id -> storage.purge(resource, id, body, patch));
            return;
        }
        outcome.records().forEach((id, record) -> {
            if (!record.equals(stored.get(id))) {
                storage.store(resource, id, record, body, patch);
            }
        });
    }

    private Result finishDeletion(Resource resource, Map<String, Object> body, Patch patch,
            ObjectLogger log) {
        List<String> remaining = Finalizers.finalizers(body);
        remaining.remove(settings.persistence().finalizer());
        if (!remaining.isEmpty()) {
            writer.applyPatch(resource, body, patch, log);
        }
        return releaseAfterDeletion(resource, body, settings.persistence().finalizer(), log);
    }

    private Result releaseAfterDeletion(Resource resource, Map<String, Object> body,
            String finalizer, ObjectLogger log) {
        if (Finalizers.hasFinalizer(body, finalizer)) {
            log.debug("Removing the finalizer, thus allowing the actual deletion.");
            return patched(writer.changeFinalizers(resource, body, finalizer, false));
        }
        return Result.NOTHING;
    }

    /** Adds or removes our finalizer, guarded by the resourceVersion; returns the new body. */
    private CycleContextBuilder baseContext(Resource resource, ObjectMemory memory,
            Map<String, Object> body, ChangingCause cause, ObjectLogger log, Patch patch) {
        return new CycleContextBuilder(low.baseContext(resource, memory, body, log)
                .patch(patch == null ? new Patch() : patch)
                .reason(cause.reason().toReason()).diff(cause.diff())
                .oldValue(cause.oldEssence()).newValue(cause.newEssence()));
    }

    private static List<List<String>> extraFields(List<ChangingHandler> handlers) {
        List<List<String>> fields = new ArrayList<>();
        for (ChangingHandler handler : handlers) {
            if (handler.filters().field() != null) {
                fields.add(handler.filters().field());
            }
        }
        return fields;
    }


    /** Narrows a context to one handler: its id, param, retry, and field-relative values. */
    private record CycleContextBuilder(DefaultContext.Builder builder) {
        CycleContextBuilder forHandler(ExecutableHandler handler, dev.kopf.Retry retry,
                dev.kopf.SubHandlers subhandlers, ChangingCause cause) {
            builder.handlerId(handler.id()).retry(retry).subhandlers(subhandlers);
            if (!(handler instanceof ChangingHandler changing)) {
                return this;
            }
            builder.param(changing.param());
            List<String> field = changing.filters().field();
            if (field != null) {
                builder.diff(Diffs.reduce(cause.diff(), field))
                        .oldValue(DictPaths.resolve(cause.oldEssence(), field))
                        .newValue(DictPaths.resolve(cause.newEssence(), field));
            }
            return this;
        }

        DefaultContext build() {
            return builder.build();
        }
    }
}
