package dev.kopf.testing.internal.cli;

import dev.kopf.HandlerOutcome;
import dev.kopf.Operator;
import dev.kopf.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Kopf's {@code CLIControls}: how whoever started a run (KopfRunner, or the CLI's shutdown
 * hook) asks it to stop and learns whether it is ready, plus presets that a programmatic
 * caller hands to {@code kopf run} (Kopf's {@code registry=} and {@code settings=}).
 *
 * <p>The run {@linkplain #attach(Operator) attaches} its operator once started; a stop
 * request then stops the operator gracefully, and readiness is the operator's. The run also
 * hands {@link #outcomeListener()} to its operator, so that the caller sees handler outcomes
 * without parsing logs. Thread-safe.
 */
public final class LaunchControls {

    private final List<Class<?>> handlers;
    private final KubernetesClient client;
    private final OperatorSettings settings;
    private final boolean recording;

    private final Object lock = new Object();
    private boolean stopRequested;
    private boolean finished;
    private Operator operator;
    private Throwable exception;
    private boolean outcomesWired;
    private final List<HandlerOutcome> outcomes = new ArrayList<>();

    /** Creates controls without presets, as for a plain {@code kopf run}. */
    public LaunchControls() {
        this(List.of(), null, null);
    }

    /**
     * Creates the controls of the {@code kopf} process itself: no presets, and no handler
     * outcomes kept, since nobody reads them and a long-running operator would keep one per
     * handler attempt for ever.
     *
     * @return controls whose {@link #recordsOutcomes()} is {@code false}
     */
    public static LaunchControls forCommandLine() {
        return new LaunchControls(List.of(), null, null, false);
    }

    /**
     * Creates controls with presets for {@code kopf run}.
     *
     * @param handlers handler classes to serve in addition to the command's PATHs
     * @param client the client to use instead of detecting a cluster, or {@code null}
     * @param settings the operator settings, or {@code null} for the defaults
     */
    public LaunchControls(List<Class<?>> handlers, KubernetesClient client,
            OperatorSettings settings) {
        this(handlers, client, settings, true);
    }

    private LaunchControls(List<Class<?>> handlers, KubernetesClient client,
            OperatorSettings settings, boolean recording) {
        this.handlers = List.copyOf(handlers);
        this.client = client;
        this.settings = settings;
        this.recording = recording;
    }

    /**
     * Tells whether a caller reads the handler outcomes, so that the run should wire
     * {@link #outcomeListener()} into its operator.
     *
     * @return {@code false} only for the {@code kopf} process's own controls
     */
    public boolean recordsOutcomes() {
        return recording;
    }

    /**
     * Returns the preset handler classes.
     *
     * @return the classes; empty when none are preset
     */
    public List<Class<?>> handlers() {
        return handlers;
    }

    /**
     * Returns the preset client.
     *
     * @return the client, or {@code null}
     */
    public KubernetesClient client() {
        return client;
    }

    /**
     * Returns the preset settings.
     *
     * @return the settings, or {@code null}
     */
    public OperatorSettings settings() {
        return settings;
    }

    /**
     * Returns the listener that the run gives to its operator with
     * {@code Operator.Builder.outcomeListener(...)}, so that {@link #outcomes()} sees every
     * attempt of every changing handler. Asking for it marks the run as reporting outcomes.
     *
     * @return the listener; quick, thread-safe, never throws
     */
    public Consumer<HandlerOutcome> outcomeListener() {
        synchronized (lock) {
            outcomesWired = true;
        }
        return this::recordOutcome;
    }

    private void recordOutcome(HandlerOutcome outcome) {
        synchronized (lock) {
            outcomes.add(outcome);
            lock.notifyAll();
        }
    }

    /**
     * Tells whether the run reports handler outcomes: it asked for
     * {@link #outcomeListener()} before attaching its operator.
     *
     * @return {@code true} when outcomes are reported; {@code false} when not, or not yet known
     */
    public boolean isReportingOutcomes() {
        synchronized (lock) {
            return outcomesWired;
        }
    }

    /**
     * Tells whether the run is known not to report outcomes: it attached its operator
     * without having asked for {@link #outcomeListener()}.
     *
     * @return {@code true} when outcomes will never come
     */
    public boolean isKnownNotToReportOutcomes() {
        synchronized (lock) {
            return !outcomesWired && operator != null;
        }
    }

    /**
     * Returns the handler outcomes reported so far, in the order they happened.
     *
     * @return an immutable copy
     */
    public List<HandlerOutcome> outcomes() {
        synchronized (lock) {
            return List.copyOf(outcomes);
        }
    }

    /**
     * Waits until an outcome matching the condition has been reported.
     *
     * @param condition what to wait for
     * @param timeout how long to wait at most
     * @return {@code true} once one matches; {@code false} on timeout, or when the run ended
     *     (or is known not to report outcomes) without one
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitOutcome(Predicate<? super HandlerOutcome> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        synchronized (lock) {
            while (true) {
                for (; checked < outcomes.size(); checked++) {
                    if (condition.test(outcomes.get(checked))) {
                        return true;
                    }
                }
                long left = deadline - System.nanoTime();
                if (finished || left <= 0 || (!outcomesWired && operator != null)) {
                    return false;
                }
                lock.wait(Math.max(1, Duration.ofNanos(left).toMillis()));
            }
        }
    }

    /**
     * Raises the stop flag: stops the attached operator gracefully, or makes the run end
     * before it starts one.
     */
    public void requestStop() {
        Operator running;
        synchronized (lock) {
            stopRequested = true;
            running = operator;
            lock.notifyAll();
        }
        if (running != null) {
            running.stop();
        }
    }

    /**
     * Tells whether a stop has been requested.
     *
     * @return {@code true} once {@link #requestStop()} was called
     */
    public boolean isStopRequested() {
        synchronized (lock) {
            return stopRequested;
        }
    }

    /**
     * Reports the run's started operator, so that stop requests and readiness reach it.
     *
     * @param started the operator, already started
     * @return {@code false} when a stop was requested before: the caller stops it then
     */
    public boolean attach(Operator started) {
        synchronized (lock) {
            if (stopRequested) {
                return false;
            }
            operator = Objects.requireNonNull(started, "operator");
            lock.notifyAll();
            return true;
        }
    }

    /**
     * Runs an operator for this run: starts it, attaches it (or stops it at once when a stop
     * was already requested), waits until it has stopped, and records its failure.
     *
     * @param operator the operator, not yet started
     * @param afterStart called right after the start, e.g. to register a shutdown hook
     * @return the operator's failure, or {@code null} after a graceful stop
     * @throws InterruptedException when interrupted while waiting
     */
    public Throwable runAttached(Operator operator, Runnable afterStart)
            throws InterruptedException {
        operator.start();
        afterStart.run();
        if (!attach(operator)) {
            operator.stop();
        }
        while (!operator.awaitTermination(Duration.ofHours(1))) {
            // Runs until stopped: a signal, a KopfRunner's close(), or idleness.
        }
        Throwable failure = operator.failure();
        if (failure != null) {
            fail(failure);
        }
        return failure;
    }

    /**
     * Waits until the run's operator is ready (has listed every watched resource).
     *
     * @param timeout how long to wait at most
     * @return {@code true} when ready; {@code false} on timeout, or when the run ended or
     *     failed first
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Operator attached;
        synchronized (lock) {
            while (operator == null && !finished) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                Duration wait = Duration.ofNanos(left);
                lock.wait(Math.max(1, wait.toMillis()));
            }
            attached = operator;
        }
        if (attached == null) {
            return false;
        }
        long left = Math.max(0, deadline - System.nanoTime());
        return attached.awaitReady(Duration.ofNanos(left));
    }

    /**
     * Records the exception that ends the run with a non-zero exit code; the first one
     * recorded wins.
     *
     * @param error the exception
     */
    public void fail(Throwable error) {
        synchronized (lock) {
            if (exception == null) {
                exception = error;
            }
        }
    }

    /**
     * Returns the recorded exception.
     *
     * @return the exception, or {@code null}
     */
    public Throwable exception() {
        synchronized (lock) {
            return exception;
        }
    }

    /** Marks the run as ended; called by whoever ran it, once the command has returned. */
    public void finish() {
        synchronized (lock) {
            finished = true;
            lock.notifyAll();
        }
    }

    /**
     * Tells whether the run has ended.
     *
     * @return {@code true} after {@link #finish()}
     */
    public boolean isFinished() {
        synchronized (lock) {
            return finished;
        }
    }

    /**
     * Waits until the run has ended.
     *
     * @param timeout how long to wait at most
     * @return {@code true} when ended
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!finished) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, Duration.ofNanos(left).toMillis()));
            }
            return true;
        }
    }
}
