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
 * <p>Given to {@link Operator.Builder#settings}, or changed at start-up by an
 * {@link OnStartup} handler that takes an {@link OperatorSettings.Builder}:
 *
 * <pre>{@code
 * @OnStartup
 * public void configure(OperatorSettings.Builder settings) {
 *     settings.execution(e -> e.withDefaultBackoff(Duration.ofSeconds(5)));
 * }
 * }</pre>
 *
 * <p>Where a field is not used yet, its Javadoc says so (see {@code docs/configuration.md}).
 *
 * @param posting how Kubernetes Events are posted
 * @param watching how watch streams are kept
 * @param queueing how per-object workers are run
 * @param execution how handlers are executed
 * @param persistence where progress and the last-handled configuration are kept
 * @param networking how API requests are made and retried
 * @param background how daemons and timers are stopped
 * @param process how the operator's process exits
 * @param peering how operators coordinate through peering objects
 * @param admission how admission webhooks are served
 * @param leaderElection whether and how replicas elect a leader on a Lease
 * @since 0.1
 */
public record OperatorSettings(Posting posting, Watching watching, Queueing queueing,
        Execution execution, Persistence persistence, Networking networking,
        Background background, Process process, Peering peering, Admission admission,
        LeaderElection leaderElection) {

    /** Validates that no group is missing. */
    public OperatorSettings {
        Objects.requireNonNull(posting, "posting");
        Objects.requireNonNull(watching, "watching");
        Objects.requireNonNull(queueing, "queueing");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(persistence, "persistence");
        Objects.requireNonNull(networking, "networking");
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(peering, "peering");
        Objects.requireNonNull(admission, "admission");
        Objects.requireNonNull(leaderElection, "leaderElection");
    }

    /**
     * Returns Kopf's defaults (with our storages: status first, annotations as fallback).
     *
     * @return the default settings
     */
    public static OperatorSettings defaults() {
        return new OperatorSettings(
                new Posting(true, false, "INFO", "kopf", "dev", "kopf-event-"),
                new Watching(null, Duration.ofMillis(100), Duration.ofSeconds(70), null),
                new Queueing(0, Duration.ofSeconds(5), Duration.ofSeconds(2),
                        List.of(1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610)),
                new Execution(Duration.ofSeconds(60), 0),
                new Persistence("kopf.zalando.org/KopfFinalizerMarker",
                        new SmartProgressStorage(), new SmartDiffBaseStorage(),
                        Duration.ofSeconds(5)),
                new Networking(Duration.ofSeconds(300), null, List.of(1, 1, 2, 3, 5, 8, 13, 21)),
                new Background(Duration.ofSeconds(60), Duration.ofMillis(100)),
                new Process(Duration.ofSeconds(600)),
                new Peering("default", 0, Duration.ofSeconds(60), false, false, false),
                new Admission(null, null), LeaderElection.defaults());
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
     * Builds {@link OperatorSettings}; each method changes one group. Injected into
     * {@link OnStartup} handlers, whose changes take effect once every startup handler has
     * succeeded. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private OperatorSettings current;

        private Builder(OperatorSettings from) {
            current = from;
        }

        private Builder change(OperatorSettings next) {
            current = next;
            return this;
        }

        /**
         * Changes the posting group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder posting(UnaryOperator<Posting> change) {
            OperatorSettings s = current;
            return change(new OperatorSettings(change.apply(s.posting), s.watching, s.queueing,
                    s.execution, s.persistence, s.networking, s.background, s.process,
                    s.peering, s.admission, s.leaderElection));
        }

        /**
         * Changes the watching group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder watching(UnaryOperator<Watching> change) {
            OperatorSettings s = current;
            return change(new OperatorSettings(s.posting, change.apply(s.watching), s.queueing,
                    s.execution, s.persistence, s.networking, s.background, s.process,
                    s.peering, s.admission, s.leaderElection));
        }

        /**
         * Changes the queueing group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder queueing(UnaryOperator<Queueing> change) {
            OperatorSettings s = current;
            return change(new OperatorSettings(s.posting, s.watching, change.apply(s.queueing),
                    s.execution, s.persistence, s.networking, s.background, s.process,
                    s.peering, s.admission, s.leaderElection));
        }

        /**
         * Changes the execution group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder execution(UnaryOperator<Execution> change) {
            OperatorSettings s = current;
            return change(new OperatorSettings(s.posting, s.watching, s.queueing,
                    change.apply(s.execution), s.persistence, s.networking, s.background,
                    s.process, s.peering, s.admission, s.leaderElection));
        }

        /**
         * Changes the persistence group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder persistence(UnaryOperator<Persistence> change) {
            OperatorSettings s = current;
            return change(new OperatorSettings(s.posting, s.watching, s.queueing, s.execution,
                    change.apply(s.persistence), s.networking, s.background, s.process,
                    s.peering, s.admission, s.leaderElection));
        }

        /**
         * Changes the networking group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder networking(UnaryOperator<Networking> change) {
            OperatorSettings s = current;
            return change(new OperatorSettings(s.posting, s.watching, s.queueing, s.execution,
                    s.persistence, change.apply(s.networking), s.background, s.process,
                    s.peering, s.admission, s.leaderElection));
        }

        /**
         * Changes the background group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder background(UnaryOperator<Background> change) {
            OperatorSettings s = current;
            return change(new OperatorSettings(s.posting, s.watching, s.queueing, s.execution,
                    s.persistence, s.networking, change.apply(s.background), s.process,
                    s.peering, s.admission, s.leaderElection));
        }

        /**
         * Changes the process group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder process(UnaryOperator<Process> change) {
            OperatorSettings s = current;
            return change(new OperatorSettings(s.posting, s.watching, s.queueing, s.execution,
                    s.persistence, s.networking, s.background, change.apply(s.process),
                    s.peering, s.admission, s.leaderElection));
        }

        /**
         * Changes the peering group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder peering(UnaryOperator<Peering> change) {
            OperatorSettings s = current;
            return change(new OperatorSettings(s.posting, s.watching, s.queueing, s.execution,
                    s.persistence, s.networking, s.background, s.process,
                    change.apply(s.peering), s.admission, s.leaderElection));
        }

        /**
         * Changes the admission group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder admission(UnaryOperator<Admission> change) {
            OperatorSettings s = current;
            return change(new OperatorSettings(s.posting, s.watching, s.queueing, s.execution,
                    s.persistence, s.networking, s.background, s.process, s.peering,
                    change.apply(s.admission), s.leaderElection));
        }

        /**
         * Changes the leader election group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder leaderElection(UnaryOperator<LeaderElection> change) {
            OperatorSettings s = current;
            return change(new OperatorSettings(s.posting, s.watching, s.queueing, s.execution,
                    s.persistence, s.networking, s.background, s.process, s.peering,
                    s.admission, change.apply(s.leaderElection)));
        }

        /**
         * Builds the settings.
         *
         * @return immutable settings
         */
        public OperatorSettings build() {
            return current;
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

        /** Validates the level. */
        public Posting {
            if (!List.of("DEBUG", "INFO", "WARN", "ERROR").contains(level)) {
                throw new IllegalArgumentException("posting.level must be DEBUG, INFO, WARN"
                        + " or ERROR: " + level);
            }
        }

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

        /**
         * Returns a copy with another reporting component and instance.
         *
         * @param component the Event's {@code reportingComponent}
         * @param instance the Event's {@code reportingInstance}
         * @return a new group
         */
        public Posting withReporting(String component, String instance) {
            return new Posting(enabled, loggers, level, component, instance, eventNamePrefix);
        }

        /**
         * Returns a copy with another Event name prefix.
         *
         * @param value the Event's {@code generateName}
         * @return a new group
         */
        public Posting withEventNamePrefix(String value) {
            return new Posting(enabled, loggers, level, reportingComponent, reportingInstance,
                    value);
        }
    }

    /**
     * How watch streams are kept. Each stream lists, then watches from the listed
     * resourceVersion with bookmarks, and re-lists after 410 Gone.
     *
     * @param serverTimeout asked of the server as the watch's {@code timeoutSeconds}, after
     *     which it ends the stream and it is resumed; {@code null} for the server's default
     * @param reconnectBackoff the pause before a failed watch is re-established when
     *     {@code networking.errorBackoffs} is empty; for clients the operator creates, also
     *     fabric8's first pause
     * @param inactivityTimeout a stream that has brought no event and no bookmark for this
     *     long is presumed frozen, ended and resumed; {@code null} for never
     * @param clientTimeout every stream is ended and resumed after this long, whatever the
     *     server does; {@code null} for never
     * @since 0.1
     */
    public record Watching(Duration serverTimeout, Duration reconnectBackoff,
            Duration inactivityTimeout, Duration clientTimeout) {

        /**
         * Returns a copy with another server timeout.
         *
         * @param value the timeout, or {@code null}
         * @return a new group
         */
        public Watching withServerTimeout(Duration value) {
            return new Watching(value, reconnectBackoff, inactivityTimeout, clientTimeout);
        }

        /**
         * Returns a copy with another reconnect backoff.
         *
         * @param value the first pause before reconnecting
         * @return a new group
         */
        public Watching withReconnectBackoff(Duration value) {
            return new Watching(serverTimeout, value, inactivityTimeout, clientTimeout);
        }

        /**
         * Returns a copy with another inactivity timeout.
         *
         * @param value the timeout, or {@code null} for never
         * @return a new group
         */
        public Watching withInactivityTimeout(Duration value) {
            return new Watching(serverTimeout, reconnectBackoff, value, clientTimeout);
        }

        /**
         * Returns a copy with another client timeout.
         *
         * @param value the timeout, or {@code null} for never
         * @return a new group
         */
        public Watching withClientTimeout(Duration value) {
            return new Watching(serverTimeout, reconnectBackoff, inactivityTimeout, value);
        }
    }

    /**
     * How per-object workers are run.
     *
     * @param workerLimit the most objects processed at once; 0 for no limit
     * @param idleTimeout has no effect: an idle worker holds no thread (Kopf ends idle
     *     worker tasks after this time)
     * @param exitTimeout how long workers are given to finish at exit
     * @param errorDelays seconds between retries of a worker's unexpected errors
     * @since 0.1
     */
    public record Queueing(int workerLimit, Duration idleTimeout, Duration exitTimeout,
            List<Integer> errorDelays) {

        /** Copies the delays. */
        public Queueing {
            errorDelays = List.copyOf(errorDelays);
            if (workerLimit < 0) {
                throw new IllegalArgumentException("queueing.workerLimit must be >= 0: "
                        + workerLimit);
            }
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

        /**
         * Returns a copy with another exit timeout.
         *
         * @param value how long running handlers may finish at exit
         * @return a new group
         */
        public Queueing withExitTimeout(Duration value) {
            return new Queueing(workerLimit, idleTimeout, value, errorDelays);
        }

        /**
         * Returns a copy with other error delays.
         *
         * @param value seconds between retries of unexpected processing errors
         * @return a new group
         */
        public Queueing withErrorDelays(List<Integer> value) {
            return new Queueing(workerLimit, idleTimeout, exitTimeout, value);
        }
    }

    /**
     * How handlers are executed.
     *
     * @param defaultBackoff the retry delay after an unexpected exception, when a handler sets
     *     no {@code backoff}
     * @param maxWorkers on Java 17, the size of each bounded pool of platform threads (one
     *     for handlers, one for daemons); 0 picks 4 per core (at least 16) for handlers and 256
     *     for daemons. Not used on Java 21 and later, where every handler and daemon gets a
     *     virtual thread
     * @param lifecycle which due changing handlers run per cycle; see {@link Lifecycle}
     * @since 0.1
     */
    public record Execution(Duration defaultBackoff, int maxWorkers, Lifecycle lifecycle) {

        /** Defaults the lifecycle to {@link Lifecycle#ALL_AT_ONCE}. */
        public Execution {
            lifecycle = lifecycle == null ? Lifecycle.ALL_AT_ONCE : lifecycle;
        }

        /**
         * Creates the group with the default lifecycle.
         *
         * @param defaultBackoff the retry delay after an unexpected exception
         * @param maxWorkers the pool size; 0 for the default
         */
        public Execution(Duration defaultBackoff, int maxWorkers) {
            this(defaultBackoff, maxWorkers, Lifecycle.ALL_AT_ONCE);
        }

        /**
         * Returns a copy with another lifecycle.
         *
         * @param value the lifecycle
         * @return a new group
         * @since 0.2
         */
        public Execution withLifecycle(Lifecycle value) {
            return new Execution(defaultBackoff, maxWorkers, value);
        }

        /**
         * Returns a copy with another default backoff.
         *
         * @param value the backoff
         * @return a new group
         */
        public Execution withDefaultBackoff(Duration value) {
            return new Execution(value, maxWorkers, lifecycle);
        }

        /**
         * Returns a copy with another worker count.
         *
         * @param value the count; 0 for the default
         * @return a new group
         */
        public Execution withMaxWorkers(int value) {
            return new Execution(defaultBackoff, value, lifecycle);
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

        /**
         * Returns a copy with another consistency timeout.
         *
         * @param value how long to wait for the own patch to come back
         * @return a new group
         */
        public Persistence withConsistencyTimeout(Duration value) {
            return new Persistence(finalizer, progressStorage, diffBaseStorage, value);
        }
    }

    /**
     * How API requests are made and retried. Used by the clients the operator creates (when
     * none is given to {@link Operator.Builder#client}, or when {@link OnLogin} handlers
     * provide the credentials); a given client keeps its own configuration.
     *
     * @param requestTimeout the timeout of one API request
     * @param connectTimeout the timeout of connecting; {@code null} for fabric8's default
     * @param errorBackoffs seconds between retries of 5xx, 429 and network errors: their
     *     count is the number of retries, the first one the initial pause (fabric8 then grows
     *     it exponentially, where Kopf follows the list)
     * @since 0.1
     */
    public record Networking(Duration requestTimeout, Duration connectTimeout,
            List<Integer> errorBackoffs) {

        /** Copies the backoffs. */
        public Networking {
            errorBackoffs = List.copyOf(errorBackoffs);
        }

        /**
         * Returns a copy with another request timeout.
         *
         * @param value the timeout of one request
         * @return a new group
         */
        public Networking withRequestTimeout(Duration value) {
            return new Networking(value, connectTimeout, errorBackoffs);
        }

        /**
         * Returns a copy with another connect timeout.
         *
         * @param value the timeout, or {@code null} for the default
         * @return a new group
         */
        public Networking withConnectTimeout(Duration value) {
            return new Networking(requestTimeout, value, errorBackoffs);
        }

        /**
         * Returns a copy with other error backoffs.
         *
         * @param value seconds between retries
         * @return a new group
         */
        public Networking withErrorBackoffs(List<Integer> value) {
            return new Networking(requestTimeout, connectTimeout, value);
        }
    }

    /**
     * How daemons and timers are stopped.
     *
     * @param cancellationPolling how often a daemon without a {@code cancellationTimeout}
     *     that is still exiting is reported, when its {@code cancellationPolling} is not set
     * @param instantExitTimeout how long a daemon or timer is given to exit right after its
     *     stop-flag is raised, before the next step of stopping; a daemon that exits later is
     *     noticed at once anyway
     * @since 0.1
     */
    public record Background(Duration cancellationPolling, Duration instantExitTimeout) {

        /**
         * Returns a copy with another default polling interval.
         *
         * @param value the interval
         * @return a new group
         */
        public Background withCancellationPolling(Duration value) {
            return new Background(value, instantExitTimeout);
        }

        /**
         * Returns a copy with another instant-exit timeout.
         *
         * @param value the time given to exit at once
         * @return a new group
         */
        public Background withInstantExitTimeout(Duration value) {
            return new Background(cancellationPolling, value);
        }
    }

    /**
     * How the operator's process exits.
     *
     * @param ultimateExitingTimeout how long {@code kopf run} waits for a graceful stop after
     *     SIGTERM or Ctrl-C before the JVM exits anyway
     * @since 0.1
     */
    public record Process(Duration ultimateExitingTimeout) {

        /**
         * Returns a copy with another ultimate exiting timeout.
         *
         * @param value the timeout
         * @return a new group
         */
        public Process withUltimateExitingTimeout(Duration value) {
            return new Process(value);
        }
    }

    /**
     * How operators coordinate through peering objects ({@code KopfPeering} in the served
     * namespaces, or {@code ClusterKopfPeering}), as Kopf's {@code settings.peering}; see
     * {@code docs/peering.md}.
     *
     * @param name the peering object's name
     * @param priority this operator's priority: a live peer with a higher one pauses this
     *     operator; one with the same pauses both
     * @param lifetime how long this operator's record stays valid; it is renewed 5 to 10
     *     seconds before it expires (whole seconds)
     * @param mandatory whether peering must be used: the operator fails to start without the
     *     peering CRD, and stays paused until it has seen the peering object
     * @param standalone whether to run without peering even if the peering object exists
     * @param stealth whether to keep this operator's keep-alives out of the logs
     * @param clusterwide whether to use the cluster-wide peering object rather than those
     *     of the served namespaces; set from the operator's mode before the startup handlers
     * @since 0.1
     */
    public record Peering(String name, int priority, Duration lifetime, boolean mandatory,
            boolean standalone, boolean stealth, boolean clusterwide) {

        /**
         * Kopf's fields without {@code clusterwide}, which then is {@code false}.
         *
         * @param name the peering object's name
         * @param priority this operator's priority
         * @param lifetime how long this operator's record stays valid
         * @param mandatory whether peering must be used
         * @param standalone whether to run without peering
         * @param stealth whether to keep the keep-alives out of the logs
         */
        public Peering(String name, int priority, Duration lifetime, boolean mandatory,
                boolean standalone, boolean stealth) {
            this(name, priority, lifetime, mandatory, standalone, stealth, false);
        }

        /**
         * Returns a copy with another priority.
         *
         * @param value the priority
         * @return a new group
         */
        public Peering withPriority(int value) {
            return new Peering(name, value, lifetime, mandatory, standalone, stealth, clusterwide);
        }

        /**
         * Returns a copy that uses the named peering object, mandatorily (as {@code -P}).
         *
         * @param value the peering object's name
         * @return a new group
         */
        public Peering withMandatoryName(String value) {
            return new Peering(value, priority, lifetime, true, standalone, stealth, clusterwide);
        }

        /**
         * Returns a copy with another standalone mode (as {@code --standalone}).
         *
         * @param value whether to run without peering
         * @return a new group
         */
        public Peering withStandalone(boolean value) {
            return new Peering(name, priority, lifetime, mandatory, value, stealth, clusterwide);
        }

        /**
         * Returns a copy with another scope of the peering object.
         *
         * @param value whether to use the cluster-wide peering object
         * @return a new group
         */
        public Peering withClusterwide(boolean value) {
            return new Peering(name, priority, lifetime, mandatory, standalone, stealth, value);
        }

        /**
         * Returns a copy with another lifetime of this operator's record.
         *
         * @param value the lifetime (whole seconds, at least 1)
         * @return a new group
         */
        public Peering withLifetime(Duration value) {
            return new Peering(name, priority, value, mandatory, standalone, stealth, clusterwide);
        }
    }

    /**
     * How admission webhooks are served (see {@code docs/admission.md}).
     *
     * @param managed the name of the webhook configurations to create and keep up to date,
     *     e.g. {@code auto.kopf.dev}, or {@code null} to leave them alone
     * @param server the webhook server, or {@code null}: then admission handlers fail the
     *     start-up
     * @since 0.1
     */
    public record Admission(String managed, WebhookServer server) {

        /**
         * Returns a copy managing the webhook configurations of that name.
         *
         * @param value the configurations' name, or {@code null} for none
         * @return the changed group
         */
        public Admission managed(String value) {
            return new Admission(value, server);
        }

        /**
         * Returns a copy with a webhook server.
         *
         * @param value the server settings
         * @return the changed group
         */
        public Admission server(WebhookServer value) {
            return new Admission(managed, value);
        }
    }
}
