package dev.kopf.internal.actions;

import dev.kopf.Context;
import dev.kopf.ErrorsMode;
import dev.kopf.HandlerRetriesException;
import dev.kopf.HandlerTimeoutException;
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
    private final Meters meters;

    /**
     * Creates an executor that counts nothing.
     *
     * @param clock the clock for records and delays
     * @param defaultBackoff the backoff of handlers that set none
     */
    public HandlerExecutor(Clock clock, Duration defaultBackoff) {
        this(clock, defaultBackoff, Meters.NOOP);
    }

    /**
     * Creates an executor that counts and times each handler call.
     *
     * @param clock the clock for records and delays
     * @param defaultBackoff the backoff of handlers that set none
     * @param meters where calls are counted
     */
    public HandlerExecutor(Clock clock, Duration defaultBackoff, Meters meters) {
        this.clock = clock;
        this.defaultBackoff = defaultBackoff;
        this.meters = meters;
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
        for (ExecutableHandler handler : handlers) {
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
    private final class Run {
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

        ProgressRecord current(String id) {
            ProgressRecord record = records.get(id);
            return record != null ? record : stored.get(id);
        }

        /** Executes a handler unless it is finished or sleeping; returns its record. */
        ProgressRecord execute(ExecutableHandler handler) {
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
            Collector children = new Collector(handler);
            outcome = Meters.Outcome.PERMANENT;
            try {
                Context context = contexts.create(handler, retry, children);
                resource = context.resource() == null ? null : context.resource().name();
                checkLimits(handler, retry, title);
                logger.debug("{} is invoked.", title);
                Object result = CurrentContext.call(handler.fn(), context);
                if (!children.registered.isEmpty()) {
                    return finishChildren(handler, retry, children, result, previousSubrefs);
                }
                outcome = Meters.Outcome.SUCCESS;
                logger.info("{} succeeded.", title);
                if (result != null) {
                    results.put(handler.id(), result);
                }
                return success(retry, previousSubrefs);
            } catch (TemporaryException e) {
                outcome = Meters.Outcome.TEMPORARY;
                logger.error("{} failed temporarily: {}", title, describe(e));
                return delayed(retry, e.delay(), describe(e), previousSubrefs);
            } catch (PermanentException e) {
                outcome = e instanceof HandlerTimeoutException ? Meters.Outcome.TIMEOUT
                        : e instanceof HandlerRetriesException ? Meters.Outcome.RETRIES_EXHAUSTED
                        : Meters.Outcome.PERMANENT;
                logger.error("{} failed permanently: {}", title, describe(e));
                return failure(retry, describe(e), previousSubrefs);
            } catch (InterruptedException e) {
                // An interrupt is how a daemon is cancelled, and how the exit stops handlers.
                logger.warn("{} is cancelled. Will escalate.", title);
                Thread.currentThread().interrupt();
                throw (CancellationException) new CancellationException(title
                        + " is cancelled.").initCause(e);
            } catch (Exception e) {
                return arbitrary(handler, retry, title, e, previousSubrefs);
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
                Collector children, Object result, List<String> previousSubrefs) {
            TreeSet<String> subrefs = new TreeSet<>(previousSubrefs);
            String own = resource;
            boolean finished = true;
            boolean failed = false;
            Instant due = null;
            for (ExecutableHandler child : children.registered) {
                ProgressRecord record = execute(child);
                subrefs.add(child.id());
                subrefs.addAll(record.subrefs());
                finished &= record.isFinished();
                failed |= record.failure();
                if (!record.isFinished()) {
                    Instant when = record.delayed() == null ? clock.instant() : record.delayed();
                    due = due == null || when.isBefore(due) ? when : due;
                }
            }
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

    /** Collects sub-handlers registered by a parent during its call. */
    private static final class Collector implements SubHandlers {
        private final ExecutableHandler parent;
        private final List<ExecutableHandler> registered = new ArrayList<>();

        Collector(ExecutableHandler parent) {
            this.parent = parent;
        }

        @Override
        public void register(String id, Fn fn) {
            registered.add(parent.subhandler(id, fn::call));
        }
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
