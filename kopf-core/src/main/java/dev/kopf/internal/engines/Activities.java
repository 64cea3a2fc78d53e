package dev.kopf.internal.engines;

import dev.kopf.Context;
import dev.kopf.Retry;
import dev.kopf.internal.actions.HandlerExecutor;
import dev.kopf.internal.actions.HandlerExecutor.CycleOutcome;
import dev.kopf.internal.intents.Activity;
import dev.kopf.internal.intents.ActivityHandler;
import dev.kopf.storage.ProgressRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the handlers of an operator activity (startup, cleanup, login, probes), as Kopf's
 * {@code activities.run_activity}: in memory, retried until each has succeeded or failed for
 * good, with the delays waited out on the operator's stop-flag.
 *
 * <p>Called by the reactor (startup, login, cleanup) and by the health endpoint (probes).
 */
public final class Activities {

    private final HandlerExecutor executor;
    private final Clock clock;
    private final CountDownLatch stopping;

    /**
     * Creates the runner.
     *
     * @param executor runs the handlers
     * @param clock the clock
     * @param stopping counted down when the operator stops: retries end then
     */
    public Activities(HandlerExecutor executor, Clock clock, CountDownLatch stopping) {
        this.executor = executor;
        this.clock = clock;
        this.stopping = stopping;
    }

    /**
     * Returns the logger of an activity, as Kopf's {@code kopf.activities.<name>}.
     *
     * @param activity the activity
     * @return e.g. the logger {@code kopf.activities.startup}
     */
    public static Logger logger(Activity activity) {
        return LoggerFactory.getLogger("kopf.activities." + activity.value());
    }

    /**
     * Runs every handler until it has succeeded or failed for good.
     *
     * @param activity the activity
     * @param handlers its handlers
     * @param contexts makes each handler's context for an attempt
     * @return the non-null results, by handler id
     * @throws ActivityException when any handler failed
     * @throws CancellationException when the operator stopped meanwhile
     */
    public Map<String, Object> runActivity(Activity activity, List<ActivityHandler> handlers,
            BiFunction<ActivityHandler, Retry, Context> contexts) {
        Logger logger = logger(activity);
        Map<String, ProgressRecord> records = new LinkedHashMap<>();
        Map<String, Object> results = new LinkedHashMap<>();
        while (true) {
            CycleOutcome outcome = executor.executeHandlers(handlers, activity.value(),
                    records, (handler, retry, subhandlers) ->
                            contexts.apply((ActivityHandler) handler, retry), logger);
            records.putAll(outcome.records());
            results.putAll(outcome.results());
            if (outcome.finished()) {
                break;
            }
            sleepUntil(activity, outcome.wakeUp(), logger);
        }
        List<String> failures = new ArrayList<>();
        records.forEach((id, record) -> {
            if (record.failure()) {
                failures.add("'" + id + "': " + record.message());
            }
        });
        if (!failures.isEmpty()) {
            throw new ActivityException(activity.title(), failures);
        }
        return results;
    }

    /**
     * Runs every handler once, without retries: for probes, which must answer quickly.
     *
     * @param handlers the probe handlers
     * @param contexts makes each handler's context
     * @return the non-null results, by handler id
     * @throws ActivityException when any handler failed
     */
    public Map<String, Object> runOnce(List<ActivityHandler> handlers,
            BiFunction<ActivityHandler, Retry, Context> contexts) {
        Logger logger = logger(Activity.PROBE);
        CycleOutcome outcome = executor.executeHandlers(handlers, Activity.PROBE.value(),
                Map.of(), (handler, retry, subhandlers) ->
                        contexts.apply((ActivityHandler) handler, retry), logger);
        List<String> failures = new ArrayList<>();
        outcome.records().forEach((id, record) -> {
            if (!record.success()) {
                failures.add("'" + id + "': " + record.message());
            }
        });
        if (!failures.isEmpty()) {
            throw new ActivityException(Activity.PROBE.title(), failures);
        }
        return outcome.results();
    }

    private void sleepUntil(Activity activity, Instant due, Logger logger) {
        long nanos = due == null ? 0 : Duration.between(clock.instant(), due).toNanos();
        try {
            if (nanos > 0 && stopping.await(nanos, TimeUnit.NANOSECONDS)) {
                logger.warn("{} activity is only partially executed due to cancellation.",
                        activity.title());
                throw new CancellationException(activity.title() + " activity is cancelled.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException(activity.title() + " activity is interrupted.");
        }
    }
}
