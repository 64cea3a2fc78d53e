package dev.kopf.internal.reactor;

import dev.kopf.OperatorSettings;
import dev.kopf.Resource;
import dev.kopf.internal.actions.Applier;
import dev.kopf.internal.actions.ObjectLogger;
import dev.kopf.internal.clients.EventsClient;
import dev.kopf.internal.clients.Patcher;
import dev.kopf.internal.clients.Scanner;
import dev.kopf.internal.clients.Watcher;
import dev.kopf.internal.concurrent.Threads;
import dev.kopf.internal.engines.EventPoster;
import dev.kopf.internal.intents.OperatorRegistry;
import dev.kopf.internal.intents.Selector;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The running operator behind {@code dev.kopf.Operator}: builds the registry, scans the
 * served resources, starts one watch stream per resource and namespace, and routes events to
 * per-object workers. Kopf's {@code running.py} and {@code orchestration.py} in one place.
 */
public final class Reactor {

    private static final Logger logger = LoggerFactory.getLogger("kopf.reactor.running");

    private final ReactorConfig config;
    private final OperatorSettings settings;
    private final KubernetesClient client;
    private final boolean ownsClient;
    private final OperatorRegistry registry;
    private final Clock clock = Clock.systemUTC();
    private final List<Watcher> watchers = new ArrayList<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private ExecutorService workers;
    private ScheduledExecutorService timer;
    private ExecutorService posting;
    private ObjectQueue queue;
    private volatile Throwable failure;

    private Reactor(ReactorConfig config) {
        this.config = config;
        this.settings = config.settings();
        this.client = config.client();
        this.ownsClient = config.ownsClient();
        this.registry = config.registry();
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

    /** Starts watching on a background thread and returns at once. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("The operator is already started.");
        }
        int platform = settings.execution().maxWorkers() > 0
                ? settings.execution().maxWorkers() : 64;
        workers = Threads.workers("kopf-worker", platform);
        timer = Threads.scheduler("kopf-timer");
        posting = Threads.workers("kopf-posting", 2);
        EventPoster poster = new EventPoster(new EventsClient(client), settings.posting(),
                posting);
        ResourceProcessor processor = new ResourceProcessor(registry, settings, client,
                new Applier(new Patcher(client)), body -> objectLogger(body, poster), clock,
                config.outcomeListeners());
        queue = new ObjectQueue(workers, timer, (resource, memory, type, body) -> {
            EventPoster.setCurrent(poster);
            try {
                return processor.processResourceEvent(resource, memory, type, body);
            } finally {
                EventPoster.setCurrent(null);
            }
        }, config.memo(), clock, settings.persistence().consistencyTimeout(),
                settings.queueing().errorDelays());
        Thread starter = new Thread(this::spawnWatchers, "kopf-reactor");
        starter.setDaemon(true);
        starter.start();
    }

    private void spawnWatchers() {
        try {
            List<Resource> served = Scanner.scan(client);
            Set<Resource> resources = new LinkedHashSet<>();
            for (Selector selector : registry.selectors()) {
                List<Resource> selected = selector.select(served);
                if (selected.isEmpty()) {
                    logger.warn("Resource '{}' is not served by the cluster or is ambiguous; "
                            + "its handlers are not used.", selector);
                }
                resources.addAll(selected);
            }
            List<String> namespaces = namespaces();
            List<CompletableFuture<Void>> syncs = new ArrayList<>();
            synchronized (watchers) {
                for (Resource resource : resources) {
                    for (String namespace : resource.namespaced() ? namespaces
                            : java.util.Collections.<String>singletonList(null)) {
                        if (stopped.get()) {
                            return;
                        }
                        Watcher watcher = Watcher.start(client, resource, namespace,
                                (type, body) -> queue.enqueue(resource, type, body));
                        watchers.add(watcher);
                        syncs.add(watcher.synced().toCompletableFuture());
                    }
                }
            }
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
        } catch (RuntimeException e) {
            if (!stopped.get()) {
                fail(e);
            }
        }
    }

    private List<String> namespaces() {
        if (config.clusterwide() || config.namespaces().isEmpty()) {
            return java.util.Collections.singletonList(null);
        }
        NamespacePatterns patterns = new NamespacePatterns(config.namespaces());
        if (patterns.isLiteral()) {
            return patterns.literals();
        }
        List<String> matching = new ArrayList<>();
        Scanner.namespaces(client).forEach(ns -> {
            if (patterns.matches(ns)) {
                matching.add(ns);
            }
        });
        logger.info("Serving namespaces {} (namespaces created later are not watched).",
                matching);
        return matching;
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

    private ObjectLogger objectLogger(Map<String, Object> body, EventPoster poster) {
        Map<String, String> context = new java.util.HashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) body.getOrDefault("metadata", Map.of());
        putIfPresent(context, "kopf.namespace", meta.get("namespace"));
        putIfPresent(context, "kopf.name", meta.get("name"));
        putIfPresent(context, "kopf.uid", meta.get("uid"));
        putIfPresent(context, "kopf.kind", body.get("kind"));
        putIfPresent(context, "kopf.apiVersion", body.get("apiVersion"));
        boolean bridge = settings.posting().enabled() && settings.posting().loggers();
        Level level = Level.valueOf(settings.posting().level());
        return new ObjectLogger(context, bridge
                ? (type, reason, message) -> poster.post(body, type, reason, message) : null,
                level);
    }

    private static void putIfPresent(Map<String, String> map, String key, Object value) {
        if (value != null) {
            map.put(key, value.toString());
        }
    }

    private void fail(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException
                && error.getCause() != null ? error.getCause() : error;
        logger.error("The operator has failed: {}", cause.toString(), cause);
        failure = cause;
        ready.completeExceptionally(cause);
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

    /** Stops gracefully: watching ends, running handlers finish, then threads end. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        logger.info("Stop-flag is raised. Operator is stopping.");
        try {
            synchronized (watchers) {
                watchers.forEach(Watcher::close);
            }
            if (queue != null) {
                queue.stop();
            }
            shutdown(workers, settings.queueing().exitTimeout());
            shutdown(posting, Duration.ofSeconds(2));
            if (timer != null) {
                timer.shutdownNow();
            }
            if (ownsClient) {
                client.close();
            }
        } finally {
            terminated.countDown();
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
     * Returns the settings.
     *
     * @return the settings
     */
    public OperatorSettings settings() {
        return settings;
    }
}
