package dev.kopf;

import dev.kopf.internal.clients.DeferredClient;
import dev.kopf.internal.engines.HealthReporter;
import dev.kopf.internal.discovery.ClasspathEntries;
import dev.kopf.internal.discovery.HandlerDiscovery;
import dev.kopf.internal.discovery.HandlerSources;
import dev.kopf.internal.discovery.OperatorInjectables;
import dev.kopf.internal.intents.OperatorRegistry;
import dev.kopf.internal.reactor.Reactor;
import dev.kopf.internal.reactor.ReactorConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A running operator: handler classes, a Kubernetes client, and the watch-and-handle loop.
 *
 * <pre>{@code
 * try (Operator operator = Operator.builder().handlers(MyHandlers.class).clusterwide().build()) {
 *     operator.start();
 *     operator.awaitReady(Duration.ofSeconds(30));
 *     ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #start()} returns at once; the operator works on its own threads
 * until {@link #stop()}.
 *
 * @since 0.1
 */
public final class Operator implements AutoCloseable {

    private final Reactor reactor;

    private Operator(Reactor reactor) {
        this.reactor = reactor;
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts watching and handling, and returns at once.
     *
     * @throws IllegalStateException when already started
     */
    public void start() {
        reactor.start();
    }

    /**
     * Waits until every watched resource has been listed once, so that handlers see all
     * existing objects.
     *
     * @param timeout how long to wait at most
     * @return {@code true} when ready, {@code false} on timeout or when the operator failed
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return reactor.awaitReady(timeout);
    }

    /**
     * Stops gracefully: no new handlers start, running ones finish (within the exit
     * timeout), and stored progress is kept so that a restarted operator resumes.
     */
    public void stop() {
        reactor.stop();
    }

    /**
     * Waits until the operator has stopped, by {@link #stop()}, by a fatal error, or by
     * becoming idle when built with {@link Builder#stopWhenIdle(Duration)}.
     *
     * @param timeout how long to wait at most
     * @return {@code true} when stopped
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return reactor.awaitTermination(timeout);
    }

    /**
     * Returns the fatal error that stopped the operator, if any.
     *
     * @return the error, or {@code null}
     */
    public Throwable failure() {
        return reactor.failure();
    }

    /**
     * Returns the settings in force: those given to the builder until the
     * {@link OnStartup} handlers have run, then the settings they made.
     *
     * @return the settings
     */
    public OperatorSettings settings() {
        return reactor.settings();
    }

    /** Stops the operator; see {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /**
     * Builds an {@link Operator}. Handler classes are validated in {@link #build()}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private KubernetesClient client;
        private final List<Class<?>> classes = new ArrayList<>();
        private final List<Object> instances = new ArrayList<>();
        private final List<HandlerRegistry> registries = new ArrayList<>();
        private final List<Path> classpath = new ArrayList<>();
        private final List<String> namespaces = new ArrayList<>();
        private boolean clusterwide;
        private OperatorSettings settings = OperatorSettings.defaults();
        private Memo memo = new Memo();
        private Duration idleStop;
        private String liveness;
        private final List<java.util.function.Consumer<HandlerOutcome>> outcomeListeners =
                new ArrayList<>();
        private final Observing observability = new Observing();

        private Builder() {
        }

        /**
         * Sets the client; by default one is auto-configured (KUBECONFIG, ~/.kube/config or
         * the in-cluster service account) after the {@link OnStartup} handlers, with the
         * settings' networking group applied. The operator does not close a given client.
         * {@link OnLogin} handlers, when there are any, take precedence over it.
         *
         * @param value the client
         * @return this builder
         */
        public Builder client(KubernetesClient value) {
            client = Objects.requireNonNull(value, "client");
            return this;
        }

        /**
         * Adds handler classes: their methods carrying Kopf annotations become handlers.
         *
         * @param values the classes
         * @return this builder
         */
        public Builder handlers(Class<?>... values) {
            classes.addAll(List.of(values));
            return this;
        }

        /**
         * Adds handler objects, e.g. beans of a DI container: their methods carrying Kopf
         * annotations become handlers bound to these objects, which the operator never
         * creates. A {@code Class} given here is added as by {@link #handlers(Class[])}, and
         * a {@link HandlerRegistry} adds its functional registrations.
         *
         * <p>The annotations are read from the object's class, or from the class a
         * generated proxy subclass (named with {@code $$}) extends. Give one object per
         * class, since the class's handlers would otherwise have the same ids.
         *
         * @param values the objects
         * @return this builder
         * @since 0.2
         */
        public Builder handlers(Object... values) {
            for (Object value : values) {
                Objects.requireNonNull(value, "handler object");
                if (value instanceof Class<?> cls) {
                    classes.add(cls);
                } else if (value instanceof HandlerRegistry registry) {
                    registries.add(registry);
                } else {
                    instances.add(value);
                }
            }
            return this;
        }

        /**
         * Adds jars or class folders to scan for handler classes, loaded in a new class
         * loader whose parent is this library's.
         *
         * @param paths jar files or class folders (a folder's jars are used too)
         * @return this builder
         */
        public Builder classpath(List<Path> paths) {
            classpath.addAll(paths);
            return this;
        }

        /**
         * Serves only these namespaces: names or globs ({@code *}, {@code ?}), several per
         * entry separated by commas, {@code !} to exclude, as Kopf's {@code -n}.
         *
         * @param patterns namespace patterns
         * @return this builder
         */
        public Builder namespaces(List<String> patterns) {
            namespaces.addAll(patterns);
            return this;
        }

        /**
         * Serves all namespaces with cluster-wide watches (Kopf's {@code -A}).
         *
         * @return this builder
         */
        public Builder clusterwide() {
            clusterwide = true;
            return this;
        }

        /**
         * Sets the settings.
         *
         * @param value the settings
         * @return this builder
         */
        public Builder settings(OperatorSettings value) {
            settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /**
         * Sets the operator memo, copied into each object's memo.
         *
         * @param value the memo
         * @return this builder
         */
        public Builder memo(Memo value) {
            memo = Objects.requireNonNull(value, "memo");
            return this;
        }

        /**
         * Makes the operator stop by itself once every object is handled and nothing has
         * been scheduled or changed for the given time: for batch runs and demos.
         *
         * @param quietPeriod how long nothing must happen
         * @return this builder
         */
        public Builder stopWhenIdle(Duration quietPeriod) {
            idleStop = Objects.requireNonNull(quietPeriod, "quietPeriod");
            return this;
        }

        /**
         * Serves the liveness endpoint at a URL, as {@code kopf run -L}: {@code GET} answers
         * the JSON document of the {@link OnProbe} results, with 503 while the operator is
         * not watching.
         *
         * @param url e.g. {@code http://0.0.0.0:8080/healthz}; only {@code http://}
         * @return this builder
         * @throws IllegalArgumentException when the URL is not {@code http://}
         */
        public Builder liveness(String url) {
            HealthReporter.parse(Objects.requireNonNull(url, "url"));
            liveness = url;
            return this;
        }

        /**
         * Records the operator's meters in a registry: handler calls and durations, objects,
         * workers, watch streams, API requests, daemons, timers and indexes, as listed in
         * {@code docs/metrics.md}. Without a registry nothing is recorded, at no cost.
         *
         * @param registry e.g. a {@code PrometheusMeterRegistry} or a
         *     {@code SimpleMeterRegistry}; the operator does not close it
         * @return this builder
         */
        public Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
            observability.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Serves the readiness endpoint at a URL: {@code GET} answers 200 once every watch
         * stream has listed its objects and the indexes are complete, and 503 before that,
         * while a stream is disconnected or re-listing, and after a stop. It shares a server
         * with the liveness and metrics endpoints when their host and port are equal.
         *
         * @param url e.g. {@code http://0.0.0.0:8080/readyz}; only {@code http://}
         * @return this builder
         * @throws IllegalArgumentException when the URL is not {@code http://}
         */
        public Builder readiness(String url) {
            observability.readiness = dev.kopf.internal.engines.EndpointServer.check("readiness",
                    Objects.requireNonNull(url, "url"));
            return this;
        }

        /**
         * Serves a metrics text at a URL, read at each {@code GET}: for a Prometheus scrape,
         * give the registry's {@code scrape} method. It shares a server with the liveness and
         * readiness endpoints when their host and port are equal.
         *
         * @param url e.g. {@code http://0.0.0.0:9090/metrics}; only {@code http://}
         * @param scrape the text in Prometheus' exposition format
         * @return this builder
         * @throws IllegalArgumentException when the URL is not {@code http://}
         */
        public Builder metrics(String url, java.util.function.Supplier<String> scrape) {
            observability.metrics = dev.kopf.internal.engines.EndpointServer.check("metrics",
                    Objects.requireNonNull(url, "url"));
            observability.scrape = Objects.requireNonNull(scrape, "scrape");
            return this;
        }

        /**
         * Adds a listener told of every attempt of every changing handler, on the object's
         * worker thread; it must be quick and must not throw. For tests and metrics.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder outcomeListener(java.util.function.Consumer<HandlerOutcome> listener) {
            outcomeListeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Validates the handlers and builds the operator; nothing runs until
         * {@link Operator#start()}.
         *
         * @return the operator
         * @throws HandlerDeclarationException listing every invalid handler at once, or
         *     when the classpath holds no handlers
         * @throws IllegalArgumentException when both namespaces and cluster-wide are given
         */
        public Operator build() {
            if (clusterwide && !namespaces.isEmpty()) {
                throw new IllegalArgumentException(
                        "Either namespaces or cluster-wide serving can be used, not both.");
            }
            dev.kopf.internal.sharding.ShardingConflicts.check(settings);
            List<Class<?>> all = new ArrayList<>(classes);
            if (!classpath.isEmpty()) {
                all.addAll(HandlerDiscovery.scan(ClasspathEntries.loader(classpath), classpath));
            }
            // Handler classes are made now, the client later: they get a stand-in for it.
            DeferredClient deferred = new DeferredClient(() -> {
                throw new IllegalStateException("The Kubernetes client is not available "
                        + "before the operator starts. Use it in handlers, not in "
                        + "constructors.");
            });
            // As Kopf: the peering follows the operator's mode, unless startup handlers say else.
            OperatorSettings scoped = settings.toBuilder().peering(p -> p.withClusterwide(
                    clusterwide || namespaces.isEmpty())).build();
            OperatorRegistry registry = HandlerDiscovery.register(
                    new HandlerSources(all, instances, registries),
                    new OperatorInjectables(deferred.proxy(), scoped, memo));
            return new Operator(Reactor.create(new ReactorConfig(deferred, client, registry,
                    namespaces, clusterwide, scoped, memo, idleStop, outcomeListeners,
                    liveness, observability.build())));
        }

        /** What the builder collects for metrics and readiness; confined to its thread. */
        private static final class Observing {
            private io.micrometer.core.instrument.MeterRegistry registry;
            private String readiness;
            private String metrics;
            private java.util.function.Supplier<String> scrape;

            dev.kopf.internal.reactor.Observability build() {
                return new dev.kopf.internal.reactor.Observability(
                        dev.kopf.internal.metrics.Meters.of(registry), readiness, metrics, scrape);
            }
        }
    }
}
