package dev.kopf.internal.reactor;

import dev.kopf.OperatorSettings;
import dev.kopf.Resource;
import dev.kopf.Retry;
import dev.kopf.internal.actions.Applier;
import dev.kopf.internal.actions.DefaultContext;
import dev.kopf.internal.actions.HandlerExecutor;
import dev.kopf.internal.actions.ObjectLogger;
import dev.kopf.internal.clients.ApiRequestMeter;
import dev.kopf.internal.clients.Connections;
import dev.kopf.internal.clients.EventsClient;
import dev.kopf.internal.clients.Patcher;
import dev.kopf.internal.clients.RetryAfter;
import dev.kopf.internal.clients.WatchOptions;
import dev.kopf.internal.clients.Watcher;
import dev.kopf.internal.concurrent.Threads;
import dev.kopf.internal.admission.AdmissionService;
import dev.kopf.internal.engines.Activities;
import dev.kopf.internal.engines.ActivityException;
import dev.kopf.internal.engines.Authenticator;
import dev.kopf.internal.engines.BackgroundServices;
import dev.kopf.internal.engines.Daemons;
import dev.kopf.internal.engines.EventPoster;
import dev.kopf.internal.engines.EndpointServer;
import dev.kopf.internal.engines.Indexers;
import dev.kopf.internal.intents.Activity;
import dev.kopf.internal.intents.ActivityHandler;
import dev.kopf.internal.intents.OperatorRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running operator behind {@code dev.kopf.Operator}, Kopf's {@code running.py} and
 * {@code orchestration.py} in one place: the startup handlers (which may change the
 * settings), the login, the runtime built with the settings in force, the liveness endpoint,
 * one watch stream per resource and namespace routed to per-object workers, and at the end
 * the daemons' stop and the cleanup handlers.
 */
public final class Reactor {

    private static final Logger logger = LoggerFactory.getLogger("kopf.reactor.running");

    private final ReactorConfig config;
    private final OperatorRegistry registry;
    private final Clock clock = Clock.systemUTC();
    private final Indexers indexers;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    /** Guards building the runtime against stopping it halfway. */
    private final Object lifecycle = new Object();
    private volatile OperatorSettings settings;
    private volatile Activities activities;
    private volatile boolean startedUp;
    private KubernetesClient ownedClient;
    private ScheduledExecutorService timer;
    private ExecutorService workers;
    private ExecutorService daemonThreads;
    private ExecutorService posting;
    private ObjectQueue queue;
    private Daemons daemons;
    private IndexGate gate;
    private EndpointServer liveness;
    private volatile Orchestrator orchestrator;
    private AdmissionService admission;
    private volatile Throwable failure;
    private final OperatorPause pause = new OperatorPause();

    private Reactor(ReactorConfig config) {
        this.config = config;
        this.registry = config.registry();
        this.settings = config.settings();
        this.indexers = new Indexers(registry.indexingHandlers());
        KubernetesClient given = config.client();
        boolean logsIn = !registry.activityHandlers(Activity.AUTHENTICATION).isEmpty();
        config.deferred().replaceFactory(given != null && !logsIn ? () -> given
                : logsIn ? Reactor::notLoggedIn : this::autoConfigured);
    }

    /**
     * Prepares the operator; nothing runs until {@link #start()}.
     *
     * @param config what to run
     * @return a reactor, not yet started
     */
    public static Reactor create(ReactorConfig config) {
        return new Reactor(config);
    }

    /** Starts on a background thread and returns at once. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("The operator is already started.");
        }
        timer = Threads.scheduler("kopf-timer");
        activities = new Activities(new HandlerExecutor(clock,
                settings.execution().defaultBackoff(), meters()), clock, stopping);
        Thread starter = new Thread(this::run, "kopf-reactor");
        starter.setDaemon(true);
        starter.start();
    }

    private void run() {
        try {
            HandlerListing.log(registry);
            OperatorSettings effective = runStartup();
            synchronized (lifecycle) {
                if (stopped.get()) {
                    return;
                }
                settings = effective;
                startedUp = true;
            }
            KubernetesClient client = ApiRequestMeter.instrument(RetryAfter.honoured(connect()),
                    meters());
            synchronized (lifecycle) {
                if (stopped.get()) {
                    // Stopped while logging in: the stop did not see this client yet.
                    if (ownedClient != null) {
                        ownedClient.close();
                    }
                    return;
                }
                buildRuntime(client);
                liveness = config.observability().serve(config.liveness(), this::probe,
                        this::isHealthy, () -> isHealthy() && gate.isOpen(), clock);
                admission = AdmissionService.start(registry, settings, client, config.memo(),
                        indexers.lookup(), pause.sharding(settings).assignmentWebhooks(registry,
                        settings));
            }
            spawnWatchers(client);
        } catch (CancellationException e) {
            logger.debug("The operator was stopped while starting: {}", e.getMessage());
        } catch (RuntimeException e) {
            if (!stopped.get()) {
                fail(e);
            }
        }
    }

    // Kopf's startup activity: before anything else; the handlers may change the settings.
    private OperatorSettings runStartup() {
        List<ActivityHandler> handlers = registry.activityHandlers(Activity.STARTUP);
        if (handlers.isEmpty()) {
            return settings;
        }
        OperatorSettings.Builder builder = settings.toBuilder();
        activities.runActivity(Activity.STARTUP, handlers, (handler, retry) ->
                activityContext(handler, retry, Activity.STARTUP).settingsBuilder(builder)
                        .build());
        return builder.build();
    }

    // The client: the login handlers', the given one, or one configured as fabric8 does.
    private KubernetesClient connect() {
        activities = new Activities(new HandlerExecutor(clock,
                settings.execution().defaultBackoff(), meters()), clock, stopping);
        List<ActivityHandler> logins = registry.activityHandlers(Activity.AUTHENTICATION);
        if (logins.isEmpty()) {
            return config.deferred().get();
        }
        KubernetesClient client = new Authenticator(logins, activities,
                (handler, retry) -> activityContext(handler, retry, Activity.AUTHENTICATION)
                        .build(), timer, clock).login(settings);
        synchronized (lifecycle) {
            ownedClient = client;
        }
        config.deferred().replaceFactory(() -> client);
        return config.deferred().get();
    }

    private KubernetesClient autoConfigured() {
        KubernetesClient client = Connections.autoConfigured(settings);
        synchronized (lifecycle) {
            ownedClient = client;
        }
        return client;
    }

    private static KubernetesClient notLoggedIn() {
        throw new IllegalStateException("The Kubernetes client is not available yet: the "
                + "operator logs in with its @OnLogin handlers after the startup handlers.");
    }

    private DefaultContext.Builder activityContext(ActivityHandler handler, Retry retry,
            Activity activity) {
        return DefaultContext.builder().logger(Activities.logger(activity)).memo(config.memo())
                .retry(retry).client(config.deferred().proxy()).param(handler.param())
                .handlerId(handler.id()).indices(indexers.lookup()).settings(settings);
    }

    private void buildRuntime(KubernetesClient client) {
        int maxWorkers = settings.execution().maxWorkers();
        // Java 17's default: 4 per core, at least 16. Workers mostly wait on API calls; more
        // threads only cost memory (measured in docs/performance.md).
        workers = Threads.workers("kopf-worker", maxWorkers > 0 ? maxWorkers
                : Math.max(16, 4 * Runtime.getRuntime().availableProcessors()));
        int daemonPool = maxWorkers > 0 ? maxWorkers : 256;
        daemonThreads = Threads.workers("kopf-daemon", daemonPool);
        posting = Threads.workers("kopf-posting", 2);
        EventPoster poster = new EventPoster(new EventsClient(client), settings.posting(),
                posting);
        HandlerExecutor executor = new HandlerExecutor(clock,
                settings.execution().defaultBackoff(), meters());
        indexers.use(executor);
        Applier applier = new Applier(new Patcher(client), pause::mayWrite);
        daemons = new Daemons(new BackgroundServices(executor, applier, clock, timer,
                daemonThreads, workers, poster, settings.background(),
                Threads.hasVirtualThreads() ? 0 : daemonPool, settings.queueing().exitTimeout()));
        gate = new IndexGate(!indexers.isEmpty());
        // Handlers get the client itself; the stand-in was only for what came before it.
        LowLevelProcessing low = new LowLevelProcessing(registry, client, indexers, daemons,
                key -> queue.poke(key), meters());
        ResourceProcessor processor = new ResourceProcessor(new ResourceProcessor.Config(
                registry, settings, applier,
                body -> ObjectLoggers.forBody(body, poster, settings.posting()), clock,
                config.outcomeListeners(), low, gate),
                executor);
        queue = new ObjectQueue(workers, timer, ShardedProcessing.wrap(pause.sharding(settings),
                (resource, memory, type, body) -> {
            EventPoster.setCurrent(poster);
            try {
                return processor.processResourceEvent(resource, memory, type, body);
            } finally {
                EventPoster.setCurrent(null);
            }
        }, low, daemons, body -> ObjectLoggers.forBody(body, poster, settings.posting()), clock),
                config.memo(), clock, settings, meters());
        pause.attach(queue, daemons);
    }

    private void spawnWatchers(KubernetesClient operatorClient) {
        KubernetesClient client = Watcher.clientFor(operatorClient);
        NamespacePatterns patterns = config.clusterwide() || config.namespaces().isEmpty()
                ? null : new NamespacePatterns(config.namespaces());
        StreamSelectors selectors = new StreamSelectors(registry);
        Orchestrator streams = new Orchestrator(new ClusterObserver(client, registry, patterns,
                WatchOptions.of(settings)),
                r -> pause.sharding(settings).selector(selectors.labelSelector(r)),
                target -> Watcher.start(client, target,
                        WatchOptions.of(settings),
                        (type, body) -> {
                            meters().watchEvent(target.resource().name(), type);
                            queue.enqueue(target.resource(), type, body);
                        },
                        (code, error) -> {
                            // The resource may be gone with its CRD: discovery decides.
                            if (code == 404) {
                                orchestrator.rescan();
                            }
                            return true;
                        }));
        synchronized (lifecycle) {
            if (stopped.get()) {
                return;
            }
            orchestrator = streams;
        }
        pause.shardTargets(() -> streams.targets(selectors::labelSelector));
        List<Watcher> initial = streams.start(stopped::get, () -> pause.startCoordination(
                client, streams.served(), streams.namespaces(), settings, stopped));
        List<CompletableFuture<Void>> syncs = new ArrayList<>();
        int indexedStreams = 0;
        for (Watcher watcher : initial) {
            Resource resource = watcher.target().resource();
            CompletableFuture<Void> synced = watcher.synced().toCompletableFuture();
            syncs.add(synced);
            if (!registry.indexingHandlersFor(resource).isEmpty()) {
                indexedStreams++;
                synced.thenRun(() -> gate.listed(watcher.listedUids().stream()
                        .map(uid -> ObjectQueue.key(resource, uid)).toList()));
            }
        }
        gate.expect(indexedStreams);
        config.observability().registerGauges(queue, daemons, indexers,
                initial.stream().map(w -> w.target().resource()).distinct().toList());
        meters().leadership(() -> coordination().paused() ? 0 : 1);
        pause.sharding(settings).registerGauge(meters());
        CompletableFuture.allOf(syncs.toArray(CompletableFuture[]::new))
                .whenComplete((ok, error) -> {
                    if (error != null && stopped.get()) {
                        // Stopped before the first listing: a graceful stop, not a failure.
                        ready.completeExceptionally(error);
                    } else if (error != null) {
                        fail(error);
                    } else {
                        ready.complete(null);
                        logger.debug("All watch-streams are listed; the operator is ready.");
                    }
                });
        if (config.idleStop() != null) {
            watchIdleness(config.idleStop());
        }
    }

    private void watchIdleness(Duration quietPeriod) {
        timer.scheduleWithFixedDelay(() -> {
            if (ready.isDone() && !stopped.get() && queue.isIdle(quietPeriod)) {
                Thread stopper = new Thread(this::stop, "kopf-idle-stop");
                stopper.setDaemon(true);
                stopper.start();
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
    }

    // Kopf's probing activity, for the liveness endpoint: each probe once, no retries.
    private Map<String, Object> probe() {
        return activities.runOnce(registry.activityHandlers(Activity.PROBE),
                (handler, retry) -> activityContext(handler, retry, Activity.PROBE).build());
    }

    private boolean isHealthy() {
        if (!ready.isDone() || ready.isCompletedExceptionally() || stopped.get()) {
            return false;
        }
        Orchestrator streams = orchestrator;
        return streams == null || streams.isWatching();
    }

    private void fail(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException
                && error.getCause() != null ? error.getCause() : error;
        // Recorded before it is told, so that whoever reads the log line sees the failure.
        failure = cause;
        ready.completeExceptionally(cause);
        if (cause instanceof ActivityException) {
            // The handlers' failures are logged already; this is the consequence.
            logger.error("The operator has failed: {}", cause.getMessage());
        } else {
            logger.error("The operator has failed: {}", cause.toString(), cause);
        }
        stop();
    }

    /**
     * Waits for the initial listings.
     *
     * @param timeout the most to wait
     * @return whether ready
     * @throws InterruptedException when interrupted
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        try {
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            return false;
        }
    }

    /**
     * Stops gracefully: watching ends, daemons and timers stop, running handlers finish,
     * the cleanup handlers run, then threads end.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        logger.info("Stop-flag is raised. Operator is stopping.");
        stopping.countDown();
        try {
            synchronized (lifecycle) {
                if (orchestrator != null) {
                    orchestrator.close();
                }
                if (queue != null) {
                    queue.stop();
                }
                if (daemons != null) {
                    daemons.shutdown();
                }
                shutdown(workers, settings.queueing().exitTimeout());
                // Peers resume once our record is gone: only after our last handler's write.
                pause.close();
                if (daemonThreads != null) {
                    daemonThreads.shutdownNow();
                }
                if (liveness != null) {
                    liveness.close();
                }
                if (admission != null) {
                    admission.close();
                }
                if (startedUp) {
                    runCleanup();
                }
                shutdown(posting, Duration.ofSeconds(2));
                if (timer != null) {
                    timer.shutdownNow();
                }
                if (ownedClient != null) {
                    ownedClient.close();
                }
            }
        } finally {
            terminated.countDown();
        }
    }

    // Kopf's cleanup activity: after everything else; its retries are not cut by the stop.
    private void runCleanup() {
        List<ActivityHandler> handlers = registry.activityHandlers(Activity.CLEANUP);
        if (handlers.isEmpty()) {
            return;
        }
        try {
            new Activities(new HandlerExecutor(clock, settings.execution().defaultBackoff()),
                    clock, new CountDownLatch(1)).runActivity(Activity.CLEANUP, handlers,
                            (handler, retry) -> activityContext(handler, retry, Activity.CLEANUP)
                                    .build());
        } catch (RuntimeException e) {
            logger.error("{}", e.getMessage());
        }
    }

    private static void shutdown(ExecutorService executor, Duration timeout) {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                logger.warn("Some handlers did not finish within {} seconds at exit; they are "
                        + "interrupted, and their objects will be handled again on restart.",
                        timeout.toSeconds());
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for the stop.
     *
     * @param timeout the most to wait
     * @return whether stopped
     * @throws InterruptedException when interrupted
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Returns the fatal error, if any.
     *
     * @return the error or {@code null}
     */
    public Throwable failure() {
        return failure;
    }

    /**
     * Returns whether the operator is paused and whether it leads, for metrics.
     *
     * @return the snapshot
     */
    public CoordinationStatus coordination() {
        return pause.status();
    }

    /**
     * Returns the settings in force: those given, changed by the startup handlers once they
     * have run.
     *
     * @return the settings
     */
    public OperatorSettings settings() {
        return settings;
    }

    private dev.kopf.internal.metrics.Meters meters() { return config.observability().meters(); }
}
