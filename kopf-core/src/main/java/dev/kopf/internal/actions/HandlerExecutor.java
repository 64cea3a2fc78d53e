package dev.kopf.internal.actions;

import dev.kopf.Context;
import dev.kopf.ErrorsMode;
import dev.kopf.HandlerRetriesException;
import dev.kopf.HandlerTimeoutException;
import dev.kopf.Lifecycle;
import dev.kopf.PermanentException;
import dev.kopf.Retry;
import dev.kopf.SubHandlers;
import dev.kopf.TemporaryException;
import dev.kopf.internal.metrics.Meters;
import dev.kopf.storage.ProgressRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;

/**
 * Executes changing handlers once per cycle and turns what happened into progress records,
 * as Kopf's {@code execute_handler_once} and {@code HandlerState}: retries, delays, timeouts,
 * error modes, sub-handlers, and Kopf's log messages for each outcome.
 *
 * <p>Called by the resource processor on the object's worker thread; it neither reads nor
 * writes the API: records and results are returned for the caller to store.
 */
public final class HandlerExecutor {

    /** Builds the context of one handler call. */
    @FunctionalInterface
    public interface ContextFactory {
        /**
         * Creates the context.
         *
         * @param handler the handler
         * @param retry its retry state
         * @param subhandlers the registry for sub-handlers
         * @return the context
         */
        Context create(ExecutableHandler handler, Retry retry, SubHandlers subhandlers);
    }

    /**
     * What a cycle of handlers produced.
     *
     * @param records the new progress records, by handler id (sub-handlers included)
     * @param results the non-null return values, by handler id
     * @param finished whether every handler of the cause has finished
     * @param succeeded how many top-level handlers succeeded
     * @param failed how many top-level handlers failed
     * @param wakeUp the earliest time a sleeping handler is due; {@code null} for none
     */
    public record CycleOutcome(Map<String, ProgressRecord> records, Map<String, Object> results,
            boolean finished, int succeeded, int failed, Instant wakeUp) {
    }

    /** Receives each attempt's result: the handler id, the attempt, the result, a message. */
    @FunctionalInterface
    public interface AttemptListener {
        /**
         * Reports one attempt.
         *
         * @param handlerId the handler id
         * @param attempt the 0-based attempt
         * @param result the result
         * @param message the error message, or {@code null}
         */
        void attempted(String handlerId, int attempt, dev.kopf.HandlerOutcome.Result result,
                String message);
    }

    private final Clock clock;
    private final Duration defaultBackoff;
    private final Lifecycle lifecycle;
    private final Meters meters;
    private final Random random = new Random();

    /**
     * Creates an executor that runs all due handlers in each cycle and counts nothing.
     *
     * @param clock the clock for records and delays
     * @param defaultBackoff the backoff of handlers that set none
     */
    public HandlerExecutor(Clock clock, Duration defaultBackoff) {
        this(clock, defaultBackoff, Meters.NOOP);
    }

    /**
     * Creates an executor that runs all due handlers in each cycle, and counts and times
     * each handler call.
     *
     * @param clock the clock for records and delays
     * @param defaultBackoff the backoff of handlers that set none
     * @param meters where calls are counted
     */
    public HandlerExecutor(Clock clock, Duration defaultBackoff, Meters meters) {
        this(clock, defaultBackoff, Lifecycle.ALL_AT_ONCE, meters);
    }

    private HandlerExecutor(Clock clock, Duration defaultBackoff, Lifecycle lifecycle,
            Meters meters) {
        this.clock = clock;
        this.defaultBackoff = defaultBackoff;
        this.lifecycle = lifecycle;
        this.meters = meters;
    }

    /**
     * Returns an executor like this one that picks the handlers of each cycle by a
     * lifecycle: for changing handlers, whose cycles end in a patch each.
     *
     * @param value the lifecycle
     * @return the executor
     */
    public HandlerExecutor withLifecycle(Lifecycle value) {
        return value == lifecycle ? this
                : new HandlerExecutor(clock, defaultBackoff, value, meters);
    }

    /**
     * Runs every due handler once, in order, and reports the new state.
     *
     * @param handlers the handlers of the current cause, in declaration order
     * @param purpose the cause's reason, stored in records (e.g. {@code create})
     * @param stored the current records by handler id (sub-handlers included)
     * @param contexts builds each handler's context
     * @param logger the per-object logger
     * @return the outcome
     */
    public CycleOutcome executeHandlers(List<? extends ExecutableHandler> handlers, String purpose,
            Map<String, ProgressRecord> stored, ContextFactory contexts, Logger logger) {
        return executeHandlers(handlers, purpose, stored, contexts, logger, null);
    }

    /**
     * Runs every due handler once, in order, reporting each attempt.
     *
     * @param handlers the handlers of the current cause, in declaration order
     * @param purpose the cause's reason, stored in records (e.g. {@code create})
     * @param stored the current records by handler id (sub-handlers included)
     * @param contexts builds each handler's context
     * @param logger the per-object logger
     * @param listener receives each attempt, or {@code null}
     * @return the outcome
     * @throws CancellationException when a handler was interrupted and threw
     *     {@code InterruptedException}; the thread's interrupted status is kept
     */
    public CycleOutcome executeHandlers(List<? extends ExecutableHandler> handlers,
            String purpose, Map<String, ProgressRecord> stored, ContextFactory contexts,
            Logger logger, AttemptListener listener) {
        Map<String, ProgressRecord> records = new LinkedHashMap<>();
        Map<String, Object> results = new LinkedHashMap<>();
        Run run = new Run(purpose, stored, records, results, contexts, logger, listener);
        for (ExecutableHandler handler : run.plan(handlers)) {
            run.execute(handler);
        }
        boolean finished = true;
        int succeeded = 0;
        int failed = 0;
        Instant wakeUp = null;
        for (ExecutableHandler handler : handlers) {
            ProgressRecord record = run.current(handler.id());
            if (record == null || !record.isFinished()) {
                finished = false;
                Instant due = record == null || record.delayed() == null
                        ? clock.instant() : record.delayed();
                wakeUp = wakeUp == null || due.isBefore(wakeUp) ? due : wakeUp;
            } else if (record.success()) {
                succeeded++;
            } else {
                failed++;
            }
        }
        return new CycleOutcome(records, results, finished, succeeded, failed, wakeUp);
    }

    /** The mutable state of one cycle. */
    private final class Run implements SubHandlerCollector.Runner {
        private final String purpose;
        private final Map<String, ProgressRecord> stored;
        private final Map<String, ProgressRecord> records;
        private final Map<String, Object> results;
        private final ContextFactory contexts;
        private final Logger logger;
        private final AttemptListener listener;
        /** Handlers whose last attempt failed in IGNORED mode. */
        private final java.util.Set<String> ignored = new java.util.HashSet<>();
        /** How the last attempt ended and on which resource, for the meters. */
        private Meters.Outcome outcome;
        private String resource;

        Run(String purpose, Map<String, ProgressRecord> stored,
                Map<String, ProgressRecord> records, Map<String, Object> results,
                ContextFactory contexts, Logger logger, AttemptListener listener) {
            this.purpose = purpose;
            this.stored = stored;
            this.records = records;
            this.results = results;
            this.contexts = contexts;
            this.logger = logger;
            this.listener = listener;
        }

        @Override
        public Instant now() {
            return clock.instant();
        }

        @Override
        public ProgressRecord current(String id) {
            ProgressRecord record = records.get(id);
            return record != null ? record : stored.get(id);
        }

        /** The due handlers (Kopf's "awakened") that the lifecycle picks for this cycle. */
        @Override
        public <H extends ExecutableHandler> List<H> plan(List<H> handlers) {
            Instant now = clock.instant();
            List<H> due = new ArrayList<>();
            Map<String, ProgressRecord> state = new LinkedHashMap<>();
            for (H handler : handlers) {
                ProgressRecord record = current(handler.id());
                if (record == null || !(record.isFinished() || record.isSleeping(now))) {
                    due.add(handler);
                    state.put(handler.id(), record);
                }
            }
            return Lifecycles.plan(lifecycle, due, state, random);
        }

        /** Executes a handler unless it is finished or sleeping; returns its record. */
        @Override
        public ProgressRecord execute(ExecutableHandler handler) {
            ProgressRecord record = current(handler.id());
            Instant now = clock.instant();
            if (record != null && (record.isFinished() || record.isSleeping(now))) {
                return record;
            }
            Instant started = record == null || record.started() == null
                    ? now : record.started();
            int attempt = record == null ? 0 : record.retries();
            Retry retry = new Retry(attempt, started, Duration.between(started, now));
            List<String> subrefs = record == null ? List.of() : record.subrefs();
            long calledAt = meters.startTime();
            ProgressRecord next = attemptOnce(handler, retry, subrefs);
            meters.handlerCalled(handler.id(), resource, purpose, outcome, calledAt);
            records.put(handler.id(), next);
            if (listener != null) {
                listener.attempted(handler.id(), attempt,
                        resultOf(next, ignored.remove(handler.id())), next.message());
            }
            return next;
        }

        private ProgressRecord attemptOnce(ExecutableHandler handler, Retry retry,
                List<String> previousSubrefs) {
            String title = handler.title();
            SubHandlerCollector children = new SubHandlerCollector(handler, this);
            outcome = Meters.Outcome.PERMANENT;
            try {
                Context context = contexts.create(handler, retry, children);
                resource = context.resource() == null ? null : context.resource().name();
                checkLimits(handler, retry, title);
                logger.debug("{} is invoked.", title);
                Object result = CurrentContext.call(handler.fn(), context);
                if (!children.registered.isEmpty()) {
                    return finishChildren(handler, retry, children, result,
                            children.refs(previousSubrefs));
                }
                outcome = Meters.Outcome.SUCCESS;
                logger.info("{} succeeded.", title);
                if (result != null) {
                    results.put(handler.id(), result);
                }
                return success(retry, children.refs(previousSubrefs));
            } catch (SubHandlerCollector.ChildrenPending e) {
                logger.debug("{} has unfinished sub-handlers. Will retry soon.", title);
                return delayed(retry, e.delay(), null, children.refs(previousSubrefs));
            } catch (TemporaryException e) {
                outcome = Meters.Outcome.TEMPORARY;
                logger.error("{} failed temporarily: {}", title, describe(e));
                return delayed(retry, e.delay(), describe(e), children.refs(previousSubrefs));
            } catch (PermanentException e) {
                outcome = e instanceof HandlerTimeoutException ? Meters.Outcome.TIMEOUT
                        : e instanceof HandlerRetriesException ? Meters.Outcome.RETRIES_EXHAUSTED
                        : Meters.Outcome.PERMANENT;
                logger.error("{} failed permanently: {}", title, describe(e));
                return failure(retry, describe(e), children.refs(previousSubrefs));
            } catch (InterruptedException e) {
                // An interrupt is how a daemon is cancelled, and how the exit stops handlers.
                logger.warn("{} is cancelled. Will escalate.", title);
                Thread.currentThread().interrupt();
                throw (CancellationException) new CancellationException(title
                        + " is cancelled.").initCause(e);
            } catch (Exception e) {
                return arbitrary(handler, retry, title, e, children.refs(previousSubrefs));
            }
        }

        private ProgressRecord arbitrary(ExecutableHandler handler, Retry retry, String title,
                Exception e, List<String> subrefs) {
            ErrorsMode mode = handler.errors();
            if (mode == ErrorsMode.IGNORED) {
                ignored.add(handler.id());
                logger.error(title + " failed with an exception and will ignore it: {}",
                        describe(e), e);
                return failure(retry, describe(e), subrefs);
            } else if (mode == ErrorsMode.PERMANENT) {
                logger.error(title + " failed with an exception and will stop now: {}",
                        describe(e), e);
                return failure(retry, describe(e), subrefs);
            }
            Duration backoff = handler.backoff() != null ? handler.backoff() : defaultBackoff;
            outcome = Meters.Outcome.TEMPORARY;
            logger.error(title + " failed with an exception and will try again in {} seconds: {}",
                    seconds(backoff), describe(e), e);
            return delayed(retry, backoff, describe(e), subrefs);
        }

        private void checkLimits(ExecutableHandler handler, Retry retry, String title) {
            if (handler.timeout() != null && retry.runtime().compareTo(handler.timeout()) >= 0) {
                throw new HandlerTimeoutException(title + " has timed out after "
                        + seconds(retry.runtime()) + " seconds.");
            }
            if (handler.retries() != Integer.MAX_VALUE && retry.attempt() >= handler.retries()) {
                throw new HandlerRetriesException(title + " has exceeded "
                        + retry.attempt() + " retries.");
            }
        }

        private ProgressRecord finishChildren(ExecutableHandler parent, Retry retry,
                SubHandlerCollector children, Object result, List<String> previousSubrefs) {
            String own = resource;
            SubHandlerCollector.Summary summary = children.run(children.registered);
            boolean finished = summary.finished();
            boolean failed = summary.failed();
            Instant due = summary.due();
            TreeSet<String> subrefs = new TreeSet<>(children.refs(previousSubrefs));
            List<String> refs = List.copyOf(subrefs);
            String title = parent.title();
            // The children's calls have set the fields: this call's own outcome replaces it.
            resource = own;
            outcome = !finished ? Meters.Outcome.TEMPORARY
                    : failed ? Meters.Outcome.PERMANENT : Meters.Outcome.SUCCESS;
            if (!finished) {
                logger.debug("{} has unfinished sub-handlers. Will retry soon.", title);
                Duration wait = Duration.between(clock.instant(), due);
                return delayed(retry, wait.isNegative() ? Duration.ZERO : wait, null, refs);
            }
            if (failed) {
                String message = "One or more sub-handlers failed.";
                logger.error("{} failed permanently: {}", title, message);
                return failure(retry, message, refs);
            }
            logger.info("{} succeeded.", title);
            if (result != null) {
                results.put(parent.id(), result);
            }
            return success(retry, refs);
        }

        private ProgressRecord success(Retry retry, List<String> subrefs) {
            Instant now = clock.instant();
            return new ProgressRecord(retry.started(), now, null, purpose, retry.attempt() + 1,
                    true, false, null, subrefs);
        }

        private ProgressRecord failure(Retry retry, String message, List<String> subrefs) {
            Instant now = clock.instant();
            return new ProgressRecord(retry.started(), now, null, purpose, retry.attempt() + 1,
                    false, true, message, subrefs);
        }

        private ProgressRecord delayed(Retry retry, Duration delay, String message,
                List<String> subrefs) {
            Instant now = clock.instant();
            return new ProgressRecord(retry.started(), null, now.plus(delay), purpose,
                    retry.attempt() + 1, false, false, message, subrefs);
        }
    }

    private static dev.kopf.HandlerOutcome.Result resultOf(ProgressRecord record,
            boolean ignored) {
        if (record.success()) {
            return dev.kopf.HandlerOutcome.Result.SUCCEEDED;
        } else if (!record.failure()) {
            return dev.kopf.HandlerOutcome.Result.RETRYING;
        }
        return ignored ? dev.kopf.HandlerOutcome.Result.IGNORED
                : dev.kopf.HandlerOutcome.Result.FAILED;
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isEmpty() ? e.getClass().getSimpleName() + "()"
                : message;
    }

    /**
     * Formats seconds as Kopf's messages do: {@code 60}, {@code 0.1}.
     *
     * @param duration the duration
     * @return the seconds, without a fraction when whole
     */
    public static String seconds(Duration duration) {
        double value = duration.toMillis() / 1000.0;
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
