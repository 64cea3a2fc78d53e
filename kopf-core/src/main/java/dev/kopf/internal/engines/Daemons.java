package dev.kopf.internal.engines;

import dev.kopf.DaemonStoppingReason;
import dev.kopf.internal.actions.HandlerExecutor;
import dev.kopf.internal.intents.DaemonHandler;
import dev.kopf.internal.intents.SpawningHandler;
import dev.kopf.internal.intents.TimerHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daemons and timers of all objects, as Kopf's {@code daemons.py}: spawning them for matching
 * objects, stopping those that no longer match or whose objects are being deleted, and
 * stopping them all at exit, in Kopf's steps (flag, backoff, interrupt, timeout, abandon).
 *
 * <p>Called by the resource processor on the object's worker, and by the reactor at exit.
 * Unlike Kopf, which re-checks stopping daemons after delays, a daemon that ends (or is
 * abandoned) tells its object's worker at once, so the finalizer is released without waiting.
 */
public final class Daemons {

    private static final Logger logger = LoggerFactory.getLogger("kopf.engines.daemons");

    private final BackgroundServices services;
    private final Set<BackgroundTask> all = ConcurrentHashMap.newKeySet();
    private final AtomicInteger busyThreads = new AtomicInteger();
    private volatile boolean closed;
    /** While the operator is paused, nothing is spawned; stopped ones come back on resume. */
    private volatile boolean paused;

    /**
     * Creates the engine.
     *
     * @param services what the tasks use
     */
    public Daemons(BackgroundServices services) {
        this.services = services;
    }

    /**
     * Makes an object's memory of its daemons.
     *
     * @param body the object as first seen
     * @return a new memory
     */
    public Memory newMemory(Map<String, Object> body) {
        return new Memory(body, services.clock());
    }

    /**
     * Spawns the matching daemons and timers that are not running, and stops the running
     * ones that no longer match, as Kopf's {@code spawn_daemons} and {@code match_daemons}.
     *
     * @param memory the object's memory
     * @param matching the object's daemons and timers whose filters match now
     * @param spawn how to start them
     */
    public void spawnAndMatch(Memory memory, List<SpawningHandler> matching, Spawn spawn) {
        if (closed || paused) {
            return;
        }
        for (SpawningHandler handler : matching) {
            if (!memory.running.containsKey(handler.id())
                    && !memory.foreverStopped.contains(handler.id())) {
                BackgroundTask task = create(handler, memory, spawn);
                memory.running.put(handler.id(), task);
                all.add(task);
                start(task);
            }
        }
        List<String> ids = matching.stream().map(SpawningHandler::id).toList();
        for (BackgroundTask task : new ArrayList<>(memory.running.values())) {
            if (!ids.contains(task.handler.id())) {
                stop(task, DaemonStoppingReason.FILTERS_MISMATCH);
            }
        }
    }

    /**
     * Stops every daemon and timer of an object, as Kopf's {@code stop_daemons}: the first
     * call raises the flags and schedules the next steps; later calls only report.
     *
     * @param memory the object's memory
     * @param reason why
     * @return {@code true} when all have exited or been abandoned
     */
    public boolean stopAll(Memory memory, DaemonStoppingReason reason) {
        boolean stopped = true;
        for (BackgroundTask task : new ArrayList<>(memory.running.values())) {
            stopped &= stop(task, reason);
        }
        return stopped;
    }

    /**
     * Pauses or resumes all daemons and timers, as Kopf's daemon killer does for an operator
     * pause: pausing stops every running one with {@link DaemonStoppingReason#OPERATOR_PAUSING}
     * (in the usual steps) and spawns no new ones; resuming only allows spawning again, and
     * the objects' workers, when processing them next, spawn them anew.
     *
     * @param value {@code true} to pause, {@code false} to resume
     */
    public void pause(boolean value) {
        paused = value;
        if (value) {
            for (BackgroundTask task : new ArrayList<>(all)) {
                stop(task, DaemonStoppingReason.OPERATOR_PAUSING);
            }
        }
    }

    /**
     * Tells whether daemons or timers need the object's finalizer: some matching one has not
     * exited on its own, as Kopf's {@code requires_finalizer} with its exclusions.
     *
     * @param memory the object's memory
     * @param matching the object's daemons and timers whose filters match now
     * @return {@code true} when the finalizer is needed
     */
    public static boolean requiresFinalizer(Memory memory, List<SpawningHandler> matching) {
        return matching.stream().anyMatch(handler ->
                !memory.foreverStopped.contains(handler.id()));
    }

    private BackgroundTask create(SpawningHandler handler, Memory memory, Spawn spawn) {
        if (handler instanceof DaemonHandler daemon) {
            return new DaemonRun(daemon, memory, spawn, services, this);
        }
        return new TimerRun((TimerHandler) handler, memory, spawn, services, this);
    }

    private void start(BackgroundTask task) {
        if (task instanceof DaemonRun && services.poolSize() > 0
                && busyThreads.get() >= services.poolSize()) {
            task.logger().warn("{} waits for a free thread: all {} daemon threads are busy. "
                    + "Raise execution.maxWorkers, or run on Java 21 or later, where daemons "
                    + "get virtual threads.", task.handler.title(), services.poolSize());
        }
        task.start();
    }

    // Kopf's stop_daemons for one daemon: each step is scheduled once, from the first call.
    private boolean stop(BackgroundTask task, DaemonStoppingReason reason) {
        task.stopper.set(reason);
        if (task.stopping.compareAndSet(false, true)) {
            task.unschedule();
            if (!awaitInstantExit(task)) {
                Duration backoff = backoff(task.handler);
                if (backoff != null) {
                    task.stopper.set(DaemonStoppingReason.DAEMON_SIGNALLED);
                    task.logger().debug("{} is signalled to exit gracefully.", task);
                    later(backoff, () -> cancel(task));
                } else {
                    cancel(task);
                }
            }
        }
        return task.isDone() || task.isAbandoned();
    }

    private void cancel(BackgroundTask task) {
        if (task.isDone()) {
            return;
        }
        Duration timeout = timeout(task.handler);
        if (timeout == null) {
            poll(task);
            return;
        }
        task.stopper.set(DaemonStoppingReason.DAEMON_CANCELLED);
        task.logger().debug("{} is signalled to exit by force.", task);
        task.interrupt();
        later(timeout, () -> {
            if (!task.isDone()) {
                abandon(task);
                task.spawn.onExit().run();
            }
        });
    }

    private void poll(BackgroundTask task) {
        if (task.isDone()) {
            return;
        }
        Duration polling = polling(task.handler);
        task.logger().debug("{} is still exiting. The next check is in {} seconds.", task,
                HandlerExecutor.seconds(polling));
        later(polling, () -> poll(task));
    }

    private void abandon(BackgroundTask task) {
        task.abandon();
        task.logger().warn("{} did not exit in time. Leaving it orphaned.", task);
    }

    private void later(Duration delay, Runnable step) {
        if (!closed) {
            services.scheduler().schedule(step, Math.max(0, delay.toMillis()),
                    TimeUnit.MILLISECONDS);
        }
    }

    private boolean awaitInstantExit(BackgroundTask task) {
        return task.awaitDone(services.settings().instantExitTimeout().toNanos());
    }

    /**
     * Counts the running daemons, for the meters.
     *
     * @return how many daemons run now
     */
    public long daemonsRunning() {
        return all.stream().filter(task -> task instanceof DaemonRun).count();
    }

    /**
     * Counts the running timers, for the meters.
     *
     * @return how many timers run now
     */
    public long timersRunning() {
        return all.stream().filter(task -> task instanceof TimerRun).count();
    }

    /**
     * Stops every daemon and timer of every object at operator exit, as Kopf's
     * {@code stop_daemon} for each, all at once: flags, then each daemon's backoff, then
     * interrupts, then each daemon's timeout (or, without one, the operator's exit timeout),
     * then abandoning what is left. Returns when all are done or abandoned. No new daemons
     * are spawned afterwards.
     */
    public void shutdown() {
        closed = true;
        List<BackgroundTask> tasks = new ArrayList<>(all);
        if (tasks.isEmpty()) {
            return;
        }
        logger.debug("Stopping {} daemons and timers.", tasks.size());
        Clock clock = services.clock();
        Instant start = clock.instant();
        for (BackgroundTask task : tasks) {
            task.stopping.set(true);
            task.stopper.set(DaemonStoppingReason.OPERATOR_EXITING);
            task.unschedule();
        }
        Instant instant = start.plus(services.settings().instantExitTimeout());
        awaitEach(tasks, task -> instant);
        for (BackgroundTask task : tasks) {
            if (task.isDone()) {
                task.logger().debug("{} has exited gracefully.", task);
            } else if (backoff(task.handler) != null) {
                task.stopper.set(DaemonStoppingReason.DAEMON_SIGNALLED);
                task.logger().debug("{} is signalled to exit gracefully.", task);
            }
        }
        Function<BackgroundTask, Instant> backedOff = task -> backoff(task.handler) == null
                ? instant : instant.plus(backoff(task.handler));
        awaitEach(tasks, backedOff);
        for (BackgroundTask task : tasks) {
            if (!task.isDone() && timeout(task.handler) != null) {
                task.stopper.set(DaemonStoppingReason.DAEMON_CANCELLED);
                task.logger().debug("{} is signalled to exit by force.", task);
                task.interrupt();
            }
        }
        // Without a timeout there is no interrupt: such daemons get the operator's exit
        // timeout, as handlers do, before they are abandoned.
        Instant exited = start.plus(services.exitTimeout());
        awaitEach(tasks, task -> timeout(task.handler) != null
                ? backedOff.apply(task).plus(timeout(task.handler))
                : later(backedOff.apply(task), exited));
        for (BackgroundTask task : tasks) {
            if (!task.isDone() && !task.isAbandoned()) {
                abandon(task);
            }
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private void awaitEach(List<BackgroundTask> tasks, Function<BackgroundTask, Instant> until) {
        for (BackgroundTask task : tasks) {
            if (!task.isDone()) {
                task.awaitDone(Duration.between(services.clock().instant(), until.apply(task))
                        .toNanos());
            }
        }
    }

    /**
     * Counts the daemon threads in use, for the Java 17 pool's warning.
     *
     * @return a counter the runs increment and decrement
     */
    AtomicInteger busyThreads() {
        return busyThreads;
    }

    void forget(BackgroundTask task) {
        all.remove(task);
    }

    private static Duration backoff(SpawningHandler handler) {
        return handler instanceof DaemonHandler daemon ? daemon.cancellationBackoff() : null;
    }

    private static Duration timeout(SpawningHandler handler) {
        return handler instanceof DaemonHandler daemon ? daemon.cancellationTimeout() : null;
    }

    private Duration polling(SpawningHandler handler) {
        return handler instanceof DaemonHandler daemon && daemon.cancellationPolling() != null
                ? daemon.cancellationPolling() : services.settings().cancellationPolling();
    }

    /**
     * What the engine remembers of one object, as Kopf's {@code DaemonsMemory}: the latest
     * state for its daemons, when it last changed essentially, and its daemons.
     *
     * <p>Kept by the object's worker; read by its daemons' threads. Thread-safe.
     */
    public static final class Memory {
        private final LiveBody body;
        private final Clock clock;
        private volatile Instant idleReset;
        private Map<String, Object> essence;
        private final Set<String> foreverStopped = ConcurrentHashMap.newKeySet();
        private final Map<String, BackgroundTask> running = new ConcurrentHashMap<>();

        private Memory(Map<String, Object> initial, Clock clock) {
            this.body = new LiveBody(initial);
            this.clock = clock;
            this.idleReset = clock.instant();
        }

        /**
         * Follows the object's latest state. Called by the object's worker only.
         *
         * @param latest the object as now seen
         * @param latestEssence its essence: when it differs from the one seen before, the
         *     idle time of the object's timers starts again
         */
        public void refresh(Map<String, Object> latest, Map<String, Object> latestEssence) {
            body.replace(latest);
            // Compared with the last seen state, not the last handled one: objects with only
            // daemons and timers have no stored diff-base, and their own status writes are
            // not changes.
            if (!Objects.equals(latestEssence, essence)) {
                essence = latestEssence;
                idleReset = clock.instant();
            }
        }

        LiveBody body() {
            return body;
        }

        Instant idleReset() {
            return idleReset;
        }

        Set<String> foreverStopped() {
            return foreverStopped;
        }

        Map<String, BackgroundTask> running() {
            return running;
        }
    }
}
