package dev.kopf;

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
 * @param sharding whether and how the objects are divided among the replicas
 * @since 0.1
 */
public record OperatorSettings(PostingSettings posting, WatchingSettings watching,
        QueueingSettings queueing, ExecutionSettings execution, PersistenceSettings persistence,
        NetworkingSettings networking, BackgroundSettings background, ProcessSettings process,
        PeeringSettings peering, AdmissionSettings admission, LeaderElection leaderElection,
        ShardingSettings sharding) {

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
        Objects.requireNonNull(sharding, "sharding");
    }

    /**
     * Returns Kopf's defaults (with our storages: status first, annotations as fallback).
     *
     * @return the default settings
     */
    public static OperatorSettings defaults() {
        return new OperatorSettings(
                new PostingSettings(true, false, "INFO", "kopf", "dev", "kopf-event-"),
                new WatchingSettings(null, Duration.ofMillis(100), Duration.ofSeconds(70), null),
                new QueueingSettings(0, Duration.ofSeconds(5), Duration.ofSeconds(2),
                        List.of(1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610)),
                new ExecutionSettings(Duration.ofSeconds(60), 0),
                new PersistenceSettings("kopf.zalando.org/KopfFinalizerMarker",
                        new SmartProgressStorage(), new SmartDiffBaseStorage(),
                        Duration.ofSeconds(5)),
                new NetworkingSettings(Duration.ofSeconds(300), null,
                        List.of(1, 1, 2, 3, 5, 8, 13, 21)),
                new BackgroundSettings(Duration.ofSeconds(60), Duration.ofMillis(100)),
                new ProcessSettings(Duration.ofSeconds(600)),
                new PeeringSettings("default", 0, Duration.ofSeconds(60), false, false, false),
                new AdmissionSettings(null, null), LeaderElection.defaults(),
                ShardingSettings.defaults());
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
        public Builder posting(UnaryOperator<PostingSettings> change) {
            OperatorSettings s = current;
            return change(new OperatorSettings(change.apply(s.posting), s.watching, s.queueing,
                    s.execution, s.persistence, s.networking, s.background, s.process,
                    s.peering, s.admission, s.leaderElection, s.sharding));
        }

        /**
         * Changes the watching group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder watching(UnaryOperator<WatchingSettings> change) {
            OperatorSettings s = current;
            return change(new OperatorSettings(s.posting, change.apply(s.watching), s.queueing,
                    s.execution, s.persistence, s.networking, s.background, s.process,
                    s.peering, s.admission, s.leaderElection, s.sharding));
        }

        /**
         * Changes the queueing group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder queueing(UnaryOperator<QueueingSettings> change) {
            OperatorSettings s = current;
            return change(new OperatorSettings(s.posting, s.watching, change.apply(s.queueing),
                    s.execution, s.persistence, s.networking, s.background, s.process,
                    s.peering, s.admission, s.leaderElection, s.sharding));
        }

        /**
         * Changes the execution group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder execution(UnaryOperator<ExecutionSettings> change) {
            OperatorSettings s = current;
            return change(new OperatorSettings(s.posting, s.watching, s.queueing,
                    change.apply(s.execution), s.persistence, s.networking, s.background,
                    s.process, s.peering, s.admission, s.leaderElection, s.sharding));
        }

        /**
         * Changes the persistence group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder persistence(UnaryOperator<PersistenceSettings> change) {
            OperatorSettings s = current;
            return change(new OperatorSettings(s.posting, s.watching, s.queueing, s.execution,
                    change.apply(s.persistence), s.networking, s.background, s.process,
                    s.peering, s.admission, s.leaderElection, s.sharding));
        }

        /**
         * Changes the networking group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder networking(UnaryOperator<NetworkingSettings> change) {
            OperatorSettings s = current;
            return change(new OperatorSettings(s.posting, s.watching, s.queueing, s.execution,
                    s.persistence, change.apply(s.networking), s.background, s.process,
                    s.peering, s.admission, s.leaderElection, s.sharding));
        }

        /**
         * Changes the background group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder background(UnaryOperator<BackgroundSettings> change) {
            OperatorSettings s = current;
            return change(new OperatorSettings(s.posting, s.watching, s.queueing, s.execution,
                    s.persistence, s.networking, change.apply(s.background), s.process,
                    s.peering, s.admission, s.leaderElection, s.sharding));
        }

        /**
         * Changes the process group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder process(UnaryOperator<ProcessSettings> change) {
            OperatorSettings s = current;
            return change(new OperatorSettings(s.posting, s.watching, s.queueing, s.execution,
                    s.persistence, s.networking, s.background, change.apply(s.process),
                    s.peering, s.admission, s.leaderElection, s.sharding));
        }

        /**
         * Changes the peering group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder peering(UnaryOperator<PeeringSettings> change) {
            OperatorSettings s = current;
            return change(new OperatorSettings(s.posting, s.watching, s.queueing, s.execution,
                    s.persistence, s.networking, s.background, s.process,
                    change.apply(s.peering), s.admission, s.leaderElection, s.sharding));
        }

        /**
         * Changes the admission group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder admission(UnaryOperator<AdmissionSettings> change) {
            OperatorSettings s = current;
            return change(new OperatorSettings(s.posting, s.watching, s.queueing, s.execution,
                    s.persistence, s.networking, s.background, s.process, s.peering,
                    change.apply(s.admission), s.leaderElection, s.sharding));
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
                    s.admission, change.apply(s.leaderElection), s.sharding));
        }

        /**
         * Changes the sharding group.
         *
         * @param change maps the current group to the new one
         * @return this builder
         */
        public Builder sharding(UnaryOperator<ShardingSettings> change) {
            OperatorSettings s = current;
            return change(new OperatorSettings(s.posting, s.watching, s.queueing, s.execution,
                    s.persistence, s.networking, s.background, s.process, s.peering,
                    s.admission, s.leaderElection, change.apply(s.sharding)));
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
}
