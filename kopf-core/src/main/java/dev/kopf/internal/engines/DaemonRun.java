package dev.kopf.internal.engines;

import dev.kopf.internal.intents.DaemonHandler;
import dev.kopf.storage.ProgressRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * A daemon's run, as Kopf's {@code _daemon}: on a thread of its own, the handler is called
 * until it succeeds or fails for good, with the retry delays waited out on the stop-flag.
 *
 * <p>Started and stopped by {@link Daemons}.
 */
final class DaemonRun extends BackgroundTask {

    private Thread thread;

    DaemonRun(DaemonHandler handler, Daemons.Memory memory, Spawn spawn,
            BackgroundServices services, Daemons owner) {
        super(handler, memory, spawn, services, owner);
    }

    @Override
    void start() {
        services.threads().execute(this::run);
    }

    private void run() {
        synchronized (this) {
            thread = Thread.currentThread();
        }
        owner().busyThreads().incrementAndGet();
        EventPoster.setCurrent(services.poster());
        try {
            Duration initialDelay = ((DaemonHandler) handler).initialDelay();
            if (!initialDelay.isZero()) {
                stopper.await(initialDelay);
            }
            Map<String, ProgressRecord> records = new HashMap<>();
            while (!stopper.isSet()) {
                ProgressRecord record = attempt(records);
                if (record != null && record.isFinished()) {
                    break;
                }
                Instant now = services.clock().instant();
                Instant due = record == null || record.delayed() == null ? now : record.delayed();
                stopper.await(Duration.between(now, due));
            }
            logger().debug(stopper.isSet()
                    ? "{} has exited on request and will not be retried or restarted."
                    : "{} has exited on its own and will not be retried or restarted.",
                    handler.title());
        } catch (CancellationException e) {
            // The executor has said so: "... is cancelled. Will escalate."
        } catch (RuntimeException | Error e) {
            logger().error("{} has failed unexpectedly: {}", handler.title(), e.toString(), e);
        } finally {
            EventPoster.setCurrent(null);
            synchronized (this) {
                thread = null;
            }
            // A pooled thread must not carry our interrupt into its next task.
            Thread.interrupted();
            owner().busyThreads().decrementAndGet();
            finish();
        }
    }

    @Override
    synchronized void interrupt() {
        if (thread != null) {
            thread.interrupt();
        }
    }
}
