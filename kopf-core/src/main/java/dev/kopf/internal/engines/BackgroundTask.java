package dev.kopf.internal.engines;

import dev.kopf.Body;
import dev.kopf.DaemonStoppingReason;
import dev.kopf.Patch;
import dev.kopf.internal.actions.DefaultContext;
import dev.kopf.internal.actions.HandlerExecutor.CycleOutcome;
import dev.kopf.internal.actions.ObjectLogger;
import dev.kopf.internal.intents.SpawningHandler;
import dev.kopf.internal.structs.CompactJson;
import dev.kopf.storage.ProgressRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running daemon or timer of one object, as Kopf's {@code Daemon} record with its
 * guarding task: the handler, its stop-flag, and what both kinds do the same way (calling
 * the handler once, delivering the results, cleaning up on exit).
 *
 * <p>Made and stopped by {@link Daemons}; its subclasses run the handler.
 */
abstract sealed class BackgroundTask permits DaemonRun, TimerRun {

    final SpawningHandler handler;
    final Daemons.Memory memory;
    final Spawn spawn;
    final BackgroundServices services;
    final DaemonStopper stopper = new DaemonStopper();
    /** Whether stopping has begun: its steps are scheduled once. */
    final AtomicBoolean stopping = new AtomicBoolean();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final Daemons owner;
    /** Applied after each attempt, then emptied; used only by the task's own calls. */
    private final Patch patch = new Patch();
    private final DefaultContext context;
    private volatile boolean abandoned;

    BackgroundTask(SpawningHandler handler, Daemons.Memory memory, Spawn spawn,
            BackgroundServices services, Daemons owner) {
        this.handler = handler;
        this.memory = memory;
        this.spawn = spawn;
        this.services = services;
        this.owner = owner;
        this.context = spawn.context().toBuilder().body(new Body(memory.body())).patch(patch)
                .stopped(stopper).handlerId(handler.id()).param(handler.param())
                .logger(spawn.logger()).build();
    }

    /** Starts the task; returns at once. */
    abstract void start();

    /** Interrupts the thread running the handler, if any: the forced step of stopping. */
    abstract void interrupt();

    /** Cancels a scheduled call, if any: called once the flag is raised. */
    void unschedule() {
    }

    Daemons owner() {
        return owner;
    }

    ObjectLogger logger() {
        return spawn.logger();
    }

    boolean isDone() {
        return done.isDone();
    }

    boolean isAbandoned() {
        return abandoned;
    }

    void abandon() {
        stopper.set(DaemonStoppingReason.DAEMON_ABANDONED);
        abandoned = true;
    }

    /**
     * Waits for the task to end.
     *
     * @param nanos how long at most
     * @return whether it has ended
     */
    boolean awaitDone(long nanos) {
        try {
            done.get(Math.max(0, nanos), java.util.concurrent.TimeUnit.NANOSECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return done.isDone();
        }
    }

    /**
     * Calls the handler once unless it sleeps, and delivers its result and patch.
     *
     * @param records the handler's record from earlier attempts; updated
     * @return the handler's current record, or {@code null} before the first attempt
     */
    ProgressRecord attempt(Map<String, ProgressRecord> records) {
        CycleOutcome outcome = services.executor().executeHandlers(List.of(handler),
                "background", records, (h, retry, subhandlers) -> context.withRetry(retry),
                spawn.logger());
        ProgressRecord record = outcome.records().get(handler.id());
        if (record != null) {
            records.put(handler.id(), record);
        }
        deliver(outcome.results().get(handler.id()));
        return records.get(handler.id());
    }

    // As Kopf's patch_and_check after each attempt: results and the handler's patch at once.
    private void deliver(Object result) {
        if (result != null) {
            patch.status().put(handler.id(), CompactJson.normalize(result));
        }
        if (patch.isEmpty()) {
            return;
        }
        try {
            services.applier().apply(spawn.resource(), memory.body().snapshot(), patch);
        } catch (RuntimeException e) {
            spawn.logger().warn("Patching failed for {}: {}", handler.title(), e.toString());
        } finally {
            patch.asMap().clear();
        }
    }

    /** Ends the task once: forgets it, and tells the object's worker. */
    void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        // Exited on its own (no stop reason): never spawned again for this object.
        if (stopper.reason() == null) {
            memory.foreverStopped().add(handler.id());
        }
        memory.running().remove(handler.id(), this);
        stopper.set(DaemonStoppingReason.DONE);
        done.complete(null);
        owner.forget(this);
        spawn.onExit().run();
    }

    @Override
    public String toString() {
        return handler.title();
    }
}
