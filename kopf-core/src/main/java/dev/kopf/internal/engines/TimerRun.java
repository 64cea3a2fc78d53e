package dev.kopf.internal.engines;

import dev.kopf.internal.intents.TimerHandler;
import dev.kopf.storage.ProgressRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A timer's run, as Kopf's {@code _timer}, without a thread of its own: the scheduler wakes
 * it, each call runs on a worker thread, and the next wake-up is scheduled only when the
 * call has ended, so calls never overlap.
 *
 * <p>Started and stopped by {@link Daemons}. The fields marked as guarded are guarded by
 * {@code this}; the records are used by one call at a time.
 */
final class TimerRun extends BackgroundTask {

    private final TimerHandler timer;
    private final Map<String, ProgressRecord> records = new HashMap<>();
    /** The next wake-up; guarded. */
    private ScheduledFuture<?> next;
    /** Whether a call is running; guarded. */
    private boolean calling;
    /** The thread of the running call; guarded. */
    private Thread thread;
    /** With idle only: the start of the last call, until a change comes after it; guarded. */
    private Instant awaitingChangeSince;

    TimerRun(TimerHandler timer, Daemons.Memory memory, Spawn spawn,
            BackgroundServices services, Daemons owner) {
        super(timer, memory, spawn, services, owner);
        this.timer = timer;
    }

    @Override
    void start() {
        scheduleAt(services.clock().instant().plus(timer.initialDelay()));
    }

    private void scheduleAt(Instant due) {
        synchronized (this) {
            if (!stopper.isSet()) {
                long millis = Math.max(0,
                        Duration.between(services.clock().instant(), due).toMillis());
                next = services.scheduler().schedule(this::tick, millis, TimeUnit.MILLISECONDS);
                return;
            }
        }
        // Outside the lock: finishing tells the object's worker.
        finish();
    }

    // On the scheduler thread: decides whether to call now, or when to look again.
    private void tick() {
        Instant now = services.clock().instant();
        Instant later = null;
        synchronized (this) {
            next = null;
            if (!stopper.isSet()) {
                if (awaitingChangeSince != null
                        && !memory.idleReset().isAfter(awaitingChangeSince)) {
                    later = now.plus(timer.idle());
                } else {
                    awaitingChangeSince = null;
                    // The wait restarts with each essential change: it is never shortened.
                    Instant quiet = timer.idle() == null ? now
                            : memory.idleReset().plus(timer.idle());
                    later = now.isBefore(quiet) ? quiet : null;
                    calling = later == null;
                }
            }
        }
        if (later != null) {
            scheduleAt(later);
        } else if (calling()) {
            services.workers().execute(this::call);
        } else {
            finish();
        }
    }

    // On a worker thread: one call, then the next wake-up.
    private void call() {
        synchronized (this) {
            thread = Thread.currentThread();
        }
        EventPoster.setCurrent(services.poster());
        Instant started = services.clock().instant();
        Instant due = null;
        boolean cancelled = false;
        try {
            ProgressRecord previous = records.get(timer.id());
            if (previous != null && previous.isFinished()) {
                // Each call after a success or a permanent failure starts the retries afresh.
                records.clear();
            }
            ProgressRecord record = attempt(records);
            Instant now = services.clock().instant();
            due = nextCall(timer, started, now, record);
            if (due == null) {
                // Idle only: one call per quiet period; the next waits for another change.
                synchronized (this) {
                    awaitingChangeSince = started;
                }
                due = now.plus(timer.idle());
            }
        } catch (CancellationException e) {
            cancelled = true;
        } catch (RuntimeException | Error e) {
            logger().error("{} has failed unexpectedly: {}", timer.title(), e.toString(), e);
            due = services.clock().instant().plus(timer.interval() != null ? timer.interval()
                    : timer.idle());
        } finally {
            EventPoster.setCurrent(null);
            synchronized (this) {
                thread = null;
                calling = false;
            }
            Thread.interrupted();
        }
        if (cancelled || due == null) {
            finish();
        } else {
            scheduleAt(due);
        }
    }

    /**
     * Tells when a timer is called next, as Kopf's {@code _timer} after each call.
     *
     * @param timer the timer
     * @param started when the call started
     * @param now when it ended
     * @param record the handler's record after the call
     * @return when to call next; {@code null} for an idle-only timer, whose next call waits
     *     for the object's next essential change
     */
    static Instant nextCall(TimerHandler timer, Instant started, Instant now,
            ProgressRecord record) {
        if (record != null && !record.isFinished()) {
            // A temporary error's delay (or the backoff) overrides the schedule.
            return record.delayed() != null ? record.delayed() : now;
        }
        if (timer.interval() != null && timer.sharp()) {
            // Keep to the grid of the interval since the call started, however long it took.
            long interval = timer.interval().toNanos();
            long passed = Duration.between(started, now).toNanos();
            return now.plusNanos(interval - passed % interval);
        }
        if (timer.interval() != null) {
            return now.plus(timer.interval());
        }
        return null;
    }

    private synchronized boolean calling() {
        return calling;
    }

    @Override
    void unschedule() {
        synchronized (this) {
            if (next != null) {
                next.cancel(false);
                next = null;
            }
            if (calling) {
                return;
            }
        }
        finish();
    }

    @Override
    synchronized void interrupt() {
        if (thread != null) {
            thread.interrupt();
        }
    }
}
