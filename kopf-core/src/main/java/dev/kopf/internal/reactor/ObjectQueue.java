package dev.kopf.internal.reactor;

import dev.kopf.Memo;
import dev.kopf.OperatorSettings;
import dev.kopf.Resource;
import dev.kopf.internal.clients.ApiException;
import dev.kopf.internal.clients.PermissionDenial;
import dev.kopf.internal.metrics.Meters;
import dev.kopf.internal.structs.DictPaths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes raw events to one worker per object (Kopf's queueing): events of one object are
 * handled one at a time and as their latest state; different objects run in parallel.
 *
 * <p>Watch threads only call {@link #enqueue}; user code runs on the worker executor.
 */
final class ObjectQueue {

    private static final Logger logger = LoggerFactory.getLogger("kopf.reactor.queueing");

    /** The event type of an internal wake-up: no raw event, just time passing. */
    static final String WAKEUP = "kopf:wakeup";

    /** Processes one object's latest state. */
    @FunctionalInterface
    interface Processor {
        ResourceProcessor.Result process(Resource resource, ObjectMemory memory, String type,
                Map<String, Object> body);
    }

    private final Map<String, Worker> workers = new ConcurrentHashMap<>();
    /** Workers waiting for a free slot under {@code queueing.workerLimit}; guarded by itself. */
    private final ArrayDeque<Worker> waiting = new ArrayDeque<>();
    private final ExecutorService executor;
    private final ScheduledExecutorService timer;
    private final Processor processor;
    private final Memo operatorMemo;
    private final Clock clock;
    private final Duration consistencyTimeout;
    private final List<Integer> errorDelays;
    private final int workerLimit;
    /** Slots in use under {@link #workerLimit}; guarded by {@link #waiting}. */
    private int slots;
    private final AtomicInteger busy = new AtomicInteger();
    private volatile Instant lastActivity;
    private volatile boolean stopping;
    /** While paused, events are kept (the latest per object) and no new run starts. */
    private volatile boolean paused;
    private final Meters meters;

    ObjectQueue(ExecutorService executor, ScheduledExecutorService timer, Processor processor,
            Memo operatorMemo, Clock clock, OperatorSettings settings, Meters meters) {
        this.executor = executor;
        this.timer = timer;
        this.processor = processor;
        this.operatorMemo = operatorMemo;
        this.clock = clock;
        this.consistencyTimeout = settings.persistence().consistencyTimeout();
        this.errorDelays = settings.queueing().errorDelays();
        this.workerLimit = settings.queueing().workerLimit();
        this.lastActivity = clock.instant();
        this.meters = meters;
    }

    void enqueue(Resource resource, String type, Map<String, Object> body) {
        if (stopping) {
            return;
        }
        String key = key(resource, body);
        Worker worker = workers.computeIfAbsent(key, k -> new Worker(k, resource));
        worker.offer(type, body);
    }

    /**
     * Processes an object again with its last seen state, if it is still known: when one of
     * its daemons has exited, so that its finalizer can be released at once.
     *
     * @param key the object's key
     */
    void poke(String key) {
        Worker worker = workers.get(key);
        if (worker != null && !stopping) {
            worker.wakeUpNow();
        }
    }

    /**
     * Returns the worker's key of an object: the resource and the object's uid.
     *
     * @param resource the resource
     * @param body the object
     * @return the key
     */
    static String key(Resource resource, Map<String, Object> body) {
        return resource.name() + "/" + identity(body);
    }

    /**
     * Returns the worker's key of an object from its uid, for watch listings.
     *
     * @param resource the resource
     * @param uid the object's uid
     * @return the key
     */
    static String key(Resource resource, String uid) {
        return resource.name() + "/" + uid;
    }

    /** Tells whether nothing is running, pending, or scheduled to wake up. */
    boolean isIdle(Duration quietPeriod) {
        if (busy.get() > 0) {
            return false;
        }
        for (Worker worker : workers.values()) {
            if (worker.hasWork()) {
                return false;
            }
        }
        return Duration.between(lastActivity, clock.instant()).compareTo(quietPeriod) >= 0;
    }

    /**
     * Pauses or resumes the processing, as Kopf's frozen watch streams: while paused, the
     * running handlers finish, but no new run starts; on resume, every object with a
     * waiting event runs, and so does every object with daemons or timers, which were stopped
     * for the pause and are spawned again.
     *
     * @param value {@code true} to pause, {@code false} to resume
     */
    void pause(boolean value) {
        paused = value;
        if (!value) {
            workers.values().forEach(Worker::resumeAfterPause);
        }
    }

    /** Returns how many workers are processing an object now. */
    int busy() {
        return busy.get();
    }

    /** Returns how many objects of a resource have an event or wake-up waiting. */
    long pending(Resource resource) {
        return workers.values().stream()
                .filter(worker -> worker.resource.equals(resource) && worker.hasWork()).count();
    }

    void stop() {
        stopping = true;
        workers.values().forEach(Worker::cancelTimers);
        // The operator's gauges read this queue, its daemons and indexes: they go with it.
        meters.close();
    }

    // Kopf's queueing.worker_limit: a slot per running worker; the others wait in order.
    private boolean acquireSlot(Worker worker) {
        synchronized (waiting) {
            if (slots < workerLimit) {
                slots++;
                return true;
            }
            if (!waiting.contains(worker)) {
                waiting.add(worker);
            }
            return false;
        }
    }

    private void releaseSlot() {
        Worker next;
        synchronized (waiting) {
            next = waiting.poll();
            if (next == null) {
                slots--;
            }
        }
        if (next != null) {
            next.startWithSlot();
        }
    }

    private static String identity(Map<String, Object> body) {
        Object uid = DictPaths.resolve(body, List.of("metadata", "uid"));
        if (uid != null) {
            return uid.toString();
        }
        return DictPaths.resolve(body, List.of("metadata", "namespace")) + "/"
                + DictPaths.resolve(body, List.of("metadata", "name"));
    }

    /** One object's worker. Its fields are guarded by {@code this}. */
    private final class Worker implements Runnable {
        private final String key;
        private final Resource resource;
        private final ObjectMemory memory;
        private String pendingType;
        private Map<String, Object> pendingBody;
        /** The state of the last run, kept while a wake-up or a daemon may need it again. */
        private Map<String, Object> lastBody;
        private String lastType;
        /**
         * Versions delivered while a run is in progress: its own patch may echo early.
         * {@code null} while none is, so that an idle object holds no empty set.
         */
        private java.util.Set<Object> seenWhileRunning;
        private boolean running;
        /** Whether the object waits for the indexes to be complete. */
        private boolean postponed;
        private int errors;
        private ScheduledFuture<?> wakeUp;
        /** Whether {@link #wakeUp} is only the deadline of the wait for the own patch. */
        private boolean awaitingEcho;

        Worker(String key, Resource resource) {
            this.key = key;
            this.resource = resource;
            this.memory = new ObjectMemory(operatorMemo.copy());
        }

        synchronized void offer(String type, Map<String, Object> body) {
            if (body == null) {
                return;
            }
            lastActivity = clock.instant();
            Object version = DictPaths.resolve(body, List.of("metadata", "resourceVersion"));
            if (memory.expectedVersion != null && memory.expectedVersion.equals(version)) {
                memory.expectedVersion = null;
                memory.consistencyDeadline = null;
                if (awaitingEcho) {
                    // The echo came: its deadline would only process this state once more.
                    cancelTimers();
                }
            }
            if (running && !WAKEUP.equals(type)) {
                if (seenWhileRunning == null) {
                    seenWhileRunning = new java.util.HashSet<>();
                }
                seenWhileRunning.add(version);
            }
            if (WAKEUP.equals(type)) {
                // Time passing never replaces a real event that is waiting.
                if (pendingBody == null) {
                    pendingType = "DELETED".equals(lastType) ? lastType : WAKEUP;
                    pendingBody = body;
                }
            } else if (!"DELETED".equals(pendingType) || "ADDED".equals(type)) {
                // Only a label selector re-adds the same uid after DELETED: it is back.
                pendingType = type;
                pendingBody = body;
            }
            schedule();
        }

        synchronized boolean hasWork() {
            return running || pendingBody != null || wakeUp != null;
        }

        synchronized void cancelTimers() {
            awaitingEcho = false;
            if (wakeUp != null) {
                wakeUp.cancel(false);
                wakeUp = null;
            }
        }

        void wakeUpNow() {
            Map<String, Object> body;
            synchronized (this) {
                body = lastBody;
            }
            if (body != null) {
                offer(WAKEUP, body);
            }
        }

        private void wokenUp() {
            Map<String, Object> body;
            synchronized (this) {
                wakeUp = null;
                awaitingEcho = false;
                body = lastBody;
                if (body == null) {
                    // A wait for the own patch's echo, with no run before it to remember.
                    schedule();
                    return;
                }
            }
            offer(WAKEUP, body);
        }

        synchronized void resume() {
            postponed = false;
            schedule();
        }

        void resumeAfterPause() {
            boolean respawn;
            synchronized (this) {
                respawn = pendingBody == null && memory.daemons != null;
                schedule();
            }
            if (respawn) {
                wakeUpNow();
            }
        }

        /** Starts a run unless one is running or the own patch has not come back yet. */
        private void schedule() {
            if (running || pendingBody == null || stopping || postponed || paused) {
                return;
            }
            if (memory.expectedVersion != null && !"DELETED".equals(pendingType)) {
                Instant deadline = memory.consistencyDeadline;
                if (clock.instant().isBefore(deadline)) {
                    meters.consistencyWait(resource.name());
                    wakeAt(deadline);
                    awaitingEcho = true;
                    return;
                }
                memory.expectedVersion = null;
                memory.consistencyDeadline = null;
            }
            if (workerLimit > 0 && !acquireSlot(this)) {
                return;
            }
            running = true;
            busy.incrementAndGet();
            executor.execute(this);
        }

        /** Starts with a slot handed over by a finished worker; returns it if not needed. */
        void startWithSlot() {
            boolean started;
            synchronized (this) {
                started = !running && pendingBody != null && !stopping && !postponed && !paused;
                if (started) {
                    running = true;
                    busy.incrementAndGet();
                    executor.execute(this);
                }
            }
            if (!started) {
                releaseSlot();
            }
        }

        @Override
        public void run() {
            String type;
            Map<String, Object> body;
            synchronized (this) {
                type = pendingType;
                body = pendingBody;
                pendingType = null;
                pendingBody = null;
                lastBody = body;
                lastType = type;
            }
            ResourceProcessor.Result result = null;
            Instant retryAt = null;
            try {
                meters.objectProcessed(resource.name());
                result = processor.process(resource, memory, type, body);
                errors = 0;
            } catch (CancellationException e) {
                // A handler was interrupted at exit: nothing to retry in this process.
                result = ResourceProcessor.Result.NOTHING;
            } catch (RuntimeException | Error e) {
                long delay = errorDelays.isEmpty() ? 1
                        : errorDelays.get(Math.min(errors, errorDelays.size() - 1));
                errors++;
                String denied = PermissionDenial.describe(e);
                if (denied != null) {
                    // RBAC refused a request: the server's sentence names what is missing.
                    logger.error("Processing of {} {}/{} is forbidden; it will be retried in {} "
                            + "seconds: {}", resource.plural(),
                            DictPaths.resolve(body, List.of("metadata", "namespace")),
                            DictPaths.resolve(body, List.of("metadata", "name")), delay, denied);
                } else if (e instanceof ApiException refused && refused.code() >= 400) {
                    // The API server refused a write (e.g. 413, 422, etcd's "request is too
                    // large"): its Status message says why; a stack trace would not.
                    logger.error("Processing of {} {}/{} failed; it will be retried in {} "
                            + "seconds. API error {}: {}", resource.plural(),
                            DictPaths.resolve(body, List.of("metadata", "namespace")),
                            DictPaths.resolve(body, List.of("metadata", "name")), delay,
                            refused.code(), refused.getMessage());
                } else {
                    logger.error("Processing of {} {}/{} failed; it will be retried in {} "
                            + "seconds.", resource.plural(),
                            DictPaths.resolve(body, List.of("metadata", "namespace")),
                            DictPaths.resolve(body, List.of("metadata", "name")), delay, e);
                }
                retryAt = clock.instant().plusSeconds(delay);
            } finally {
                finish(type, body, result, retryAt);
                if (workerLimit > 0) {
                    releaseSlot();
                }
            }
        }

        private synchronized void finish(String type, Map<String, Object> body,
                ResourceProcessor.Result result, Instant retryAt) {
            running = false;
            busy.decrementAndGet();
            lastActivity = clock.instant();
            if (result != null && result.forget()) {
                workers.remove(key, this);
                cancelTimers();
                if (pendingBody != null && !"DELETED".equals(pendingType)) {
                    // Back in the stream (a label selector) while it was forgotten: afresh.
                    enqueue(resource, pendingType, pendingBody);
                }
                return;
            }
            if (result != null && result.postponedUntil() != null) {
                // Until the indexes are complete; a newer event replaces this one.
                if (pendingBody == null) {
                    pendingType = type;
                    pendingBody = body;
                }
                postponed = true;
                result.postponedUntil().thenRun(this::resume);
                return;
            }
            if (result != null && result.patchedVersion() != null && (seenWhileRunning == null
                    || !seenWhileRunning.contains(result.patchedVersion()))) {
                memory.expectedVersion = result.patchedVersion();
                memory.consistencyDeadline = clock.instant().plus(consistencyTimeout);
            }
            seenWhileRunning = null;
            Instant due = retryAt != null ? retryAt : (result == null ? null : result.wakeUp());
            if (due != null) {
                wakeAt(due);
            }
            schedule();
            if (!running && pendingBody == null && wakeUp == null && memory.daemons == null) {
                // Nothing will ask for this state again: the next event brings the object.
                // An idle object costs its memory only, not a copy of its last body.
                lastBody = null;
            }
        }

        private void wakeAt(Instant due) {
            awaitingEcho = false;
            if (wakeUp != null) {
                wakeUp.cancel(false);
            }
            long millis = Math.max(0, Duration.between(clock.instant(), due).toMillis());
            wakeUp = timer.schedule(this::wokenUp, millis, TimeUnit.MILLISECONDS);
        }
    }
}
