package dev.kopf;

import dev.kopf.storage.DiffBaseStorage;
import dev.kopf.storage.ProgressStorage;
import dev.kopf.storage.SmartDiffBaseStorage;
import dev.kopf.storage.SmartProgressStorage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The operator's settings, in Kopf's groups; immutable.
 *
 * <pre>{@code
 * OperatorSettings settings = OperatorSettings.builder()
 *         .execution(e -> e.withDefaultBackoff(Duration.ofSeconds(5)))
 *         .build();
 * }</pre>
 *
 * @param posting how Kubernetes Events are posted
 * @param watching how watch streams are kept
 * @param queueing how per-object workers are run
 * @param execution how handlers are executed
 * @param persistence where progress and the last-handled configuration are kept
 * @param networking how API errors are retried
 * @since 0.1
 */
public record OperatorSettings(Posting posting, Watching watching, Queueing queueing,
        Execution execution, Persistence persistence, Networking networking) {

    /** Validates that no group is missing. */
    public OperatorSettings {
        Objects.requireNonNull(posting, "posting");
        Objects.requireNonNull(watching, "watching");
        Objects.requireNonNull(queueing, "queueing");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(persistence, "persistence");
        Objects.requireNonNull(networking, "networking");
    }

    /**
     * Returns Kopf's defaults (with our storages: status first, annotations as fallback).
     *
     * @return the default settings
     */
    public static OperatorSettings defaults() {
        return new OperatorSettings(
                new Posting(true, false, "INFO", "kopf", "dev", "kopf-event-"),
                new Watching(null, Duration.ofMillis(100), Duration.ofSeconds(70)),
                new Queueing(0, Duration.ofSeconds(5), Duration.ofSeconds(2),
                        List.of(1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610)),
                new Execution(Duration.ofSeconds(60), 0),
                new Persistence("kopf.zalando.org/KopfFinalizerMarker",
                        new SmartProgressStorage(), new SmartDiffBaseStorage(),
                        Duration.ofSeconds(5)),
                new Networking(Duration.ofSeconds(300), List.of(1, 1, 2, 3, 5, 8, 13, 21)));
    }

    /**
     * Starts a builder from the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return defaults().toBuilder();
    }

    /**
     * Starts a builder from these settings.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Builds {@link OperatorSettings}; each method changes one group.
     *
     * @since 0.1
     */
    public static final class Builder {
        private Posting posting;
        private Watching watching;
        private Queueing queueing;
        private Execution execution;
        private Persistence persistence;
        private Networking networking;

        private Builder(OperatorSettings from) {
            posting = from.posting;
            watching = from.watching;
            queueing = from.queueing;
            execution = from.execution;
            persistence = from.persistence;
            networking = from.networking;
        }

        /**
         * Changes the posting group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder posting(UnaryOperator<Posting> change) {
            posting = change.apply(posting);
            return this;
        }

        /**
         * Changes the watching group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder watching(UnaryOperator<Watching> change) {
            watching = change.apply(watching);
            return this;
        }

        /**
         * Changes the queueing group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder queueing(UnaryOperator<Queueing> change) {
            queueing = change.apply(queueing);
            return this;
        }

        /**
         * Changes the execution group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder execution(UnaryOperator<Execution> change) {
            execution = change.apply(execution);
            return this;
        }

        /**
         * Changes the persistence group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder persistence(UnaryOperator<Persistence> change) {
            persistence = change.apply(persistence);
            return this;
        }

        /**
         * Changes the networking group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder networking(UnaryOperator<Networking> change) {
            networking = change.apply(networking);
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return immutable settings
         */
        public OperatorSettings build() {
            return new OperatorSettings(posting, watching, queueing, execution, persistence,
                    networking);
        }
    }

    /**
     * How Kubernetes Events are posted.
     *
     * @param enabled whether events are posted at all
     * @param loggers whether per-object log lines at {@code level} and above become Events
     *     (off by default since Kopf 1.41)
     * @param level the lowest level posted: {@code DEBUG}, {@code INFO}, {@code WARN},
     *     {@code ERROR}
     * @param reportingComponent the Event's {@code reportingComponent}
     * @param reportingInstance the Event's {@code reportingInstance}
     * @param eventNamePrefix the Event's {@code generateName}
     * @since 0.1
     */
    public record Posting(boolean enabled, boolean loggers, String level,
            String reportingComponent, String reportingInstance, String eventNamePrefix) {

        /**
         * Returns a copy with events on or off.
         *
         * @param value whether to post
         * @return a new group
         */
        public Posting withEnabled(boolean value) {
            return new Posting(value, loggers, level, reportingComponent, reportingInstance,
                    eventNamePrefix);
        }

        /**
         * Returns a copy with the log-to-Event bridge on or off.
         *
         * @param value whether per-object log lines are posted
         * @return a new group
         */
        public Posting withLoggers(boolean value) {
            return new Posting(enabled, value, level, reportingComponent, reportingInstance,
                    eventNamePrefix);
        }

        /**
         * Returns a copy with another level.
         *
         * @param value {@code DEBUG}, {@code INFO}, {@code WARN} or {@code ERROR}
         * @return a new group
         */
        public Posting withLevel(String value) {
            return new Posting(enabled, loggers, value, reportingComponent, reportingInstance,
                    eventNamePrefix);
        }
    }

    /**
     * How watch streams are kept.
     *
     * @param serverTimeout asks the server to end each watch after this long; {@code null}
     *     for the server's default
     * @param reconnectBackoff the pause before a watch is re-established
     * @param inactivityTimeout a watch with no events or bookmarks for this long is restarted
     * @since 0.1
     */
    public record Watching(Duration serverTimeout, Duration reconnectBackoff,
            Duration inactivityTimeout) {

        /**
         * Returns a copy with another server timeout.
         *
         * @param value the timeout, or {@code null}
         * @return a new group
         */
        public Watching withServerTimeout(Duration value) {
            return new Watching(value, reconnectBackoff, inactivityTimeout);
        }
    }

    /**
     * How per-object workers are run.
     *
     * @param workerLimit the most objects handled at once; 0 for no limit
     * @param idleTimeout how long an idle per-object worker is kept
     * @param exitTimeout how long workers are given to finish at exit
     * @param errorDelays seconds between retries of a worker's unexpected errors
     * @since 0.1
     */
    public record Queueing(int workerLimit, Duration idleTimeout, Duration exitTimeout,
            List<Integer> errorDelays) {

        /** Copies the delays. */
        public Queueing {
            errorDelays = List.copyOf(errorDelays);
        }

        /**
         * Returns a copy with another worker limit.
         *
         * @param value the limit; 0 for none
         * @return a new group
         */
        public Queueing withWorkerLimit(int value) {
            return new Queueing(value, idleTimeout, exitTimeout, errorDelays);
        }
    }

    /**
     * How handlers are executed.
     *
     * @param defaultBackoff the retry delay after an unexpected exception, when a handler sets
     *     no {@code backoff}
     * @param maxWorkers the most handlers run at once on platform threads; 0 picks a default
     *     (virtual threads are used when the JVM has them)
     * @since 0.1
     */
    public record Execution(Duration defaultBackoff, int maxWorkers) {

        /**
         * Returns a copy with another default backoff.
         *
         * @param value the backoff
         * @return a new group
         */
        public Execution withDefaultBackoff(Duration value) {
            return new Execution(value, maxWorkers);
        }

        /**
         * Returns a copy with another worker count.
         *
         * @param value the count; 0 for the default
         * @return a new group
         */
        public Execution withMaxWorkers(int value) {
            return new Execution(defaultBackoff, value);
        }
    }

    /**
     * Where progress and the last-handled configuration are kept.
     *
     * @param finalizer the finalizer name
     * @param progressStorage where handlers' progress records are kept
     * @param diffBaseStorage where the last-handled configuration is kept
     * @param consistencyTimeout how long to wait for the operator's own patch to come back
     *     from the watch before handling the object again
     * @since 0.1
     */
    public record Persistence(String finalizer, ProgressStorage progressStorage,
            DiffBaseStorage diffBaseStorage, Duration consistencyTimeout) {

        /**
         * Returns a copy with another progress storage.
         *
         * @param value the storage
         * @return a new group
         */
        public Persistence withProgressStorage(ProgressStorage value) {
            return new Persistence(finalizer, value, diffBaseStorage, consistencyTimeout);
        }

        /**
         * Returns a copy with another diff-base storage.
         *
         * @param value the storage
         * @return a new group
         */
        public Persistence withDiffBaseStorage(DiffBaseStorage value) {
            return new Persistence(finalizer, progressStorage, value, consistencyTimeout);
        }

        /**
         * Returns a copy with another finalizer name.
         *
         * @param value the finalizer
         * @return a new group
         */
        public Persistence withFinalizer(String value) {
            return new Persistence(value, progressStorage, diffBaseStorage, consistencyTimeout);
        }
    }

    /**
     * How API errors are retried.
     *
     * @param requestTimeout the timeout of one API request
     * @param errorBackoffs seconds between retries of 5xx, 429 and network errors
     * @since 0.1
     */
    public record Networking(Duration requestTimeout, List<Integer> errorBackoffs) {

        /** Copies the backoffs. */
        public Networking {
            errorBackoffs = List.copyOf(errorBackoffs);
        }
    }
}
