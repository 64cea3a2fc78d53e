package dev.kopf.internal.clients;

import dev.kopf.Resource;
import dev.kopf.internal.concurrent.Threads;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch stream of one resource, in one namespace or cluster-wide, as Kopf's
 * {@code watching.py}: list, then watch from the listed resourceVersion with bookmarks;
 * re-list after 410 Gone; end and resume a stream that the client timeout or the inactivity
 * timeout declares stale; pause between failed attempts exactly as the error backoffs say.
 *
 * <p>Our own loop rather than a fabric8 informer, because the informer chooses its own
 * server timeout, has no client or inactivity timeout, and retries with its own backoff
 * (docs/dynamics.md). Events arrive on fabric8's and the listing pool's threads: the
 * listener must only enqueue, never run user code.
 */
public final class Watcher implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger("kopf.clients.watching");
    private static final ScheduledExecutorService TIMERS = Executors
            .newSingleThreadScheduledExecutor(Threads.daemons("kopf-watch-timer"));
    private static final ExecutorService LISTINGS = Threads.workers("kopf-watch-list", 4);

    /** Receives raw events. */
    @FunctionalInterface
    public interface Listener {
        /**
         * Receives one event.
         *
         * @param type {@code null} for the initial listing, else {@code ADDED},
         *     {@code MODIFIED}, {@code DELETED}
         * @param body the object
         */
        void onEvent(String type, Map<String, Object> body);
    }

    /**
     * What to watch.
     *
     * @param resource the resource
     * @param namespace the namespace, or {@code null} for the whole cluster
     * @param labelSelector a server-side label selector, or {@code null} for every object
     */
    public record Target(Resource resource, String namespace, String labelSelector) {
        @Override
        public String toString() {
            return resource + " " + (namespace == null ? "cluster-wide" : "in " + namespace)
                    + (labelSelector == null ? "" : " with labels " + labelSelector);
        }
    }

    /** Decides what a failing stream does next. */
    @FunctionalInterface
    public interface Failures {
        /** Retries everything, as for the operator's own resources. */
        Failures RETRY = (code, error) -> true;

        /**
         * Receives one failure of listing or watching.
         *
         * @param code the HTTP code, or 0 for network errors
         * @param error the failure
         * @return {@code true} to retry after the backoff, {@code false} to end the stream
         */
        boolean onFailure(int code, Throwable error);
    }

    private final KubernetesClient client;
    private final Target target;
    private final WatchOptions options;
    private final Listener listener;
    private final Failures failures;
    private final FilterWatchListDeletable<GenericKubernetesResource,
            GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> scoped;
    private final CompletableFuture<Void> synced = new CompletableFuture<>();
    /** The resourceVersion of every object the stream knows, by uid. */
    private final Map<String, String> known = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    /** A stream that ends sooner than this after opening counts as a failure (backoff). */
    private static final Duration SHORTEST_STREAM = Duration.ofSeconds(1);

    private volatile String resourceVersion;
    private volatile boolean watching;
    private volatile boolean closed;
    private volatile long lastActivity;
    private volatile long openedAt;
    private volatile boolean forbiddenSaid;
    private volatile int generation;
    private int failuresInRow;
    private Watch current;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();

    private Watcher(KubernetesClient client, Target target, WatchOptions options,
            Listener listener, Failures failures) {
        this.client = client;
        this.target = target;
        this.options = options;
        this.listener = listener;
        this.failures = failures;
        var all = client.genericKubernetesResources(Resources.context(target.resource()));
        var inScope = target.namespace() == null || !target.resource().namespaced()
                ? all.inAnyNamespace() : all.inNamespace(target.namespace());
        this.scoped = target.labelSelector() == null ? inScope
                : inScope.withLabelSelector(target.labelSelector());
    }

    /**
     * Derives the client for watch-streams: one on which fabric8 does not reconnect ended
     * watches by itself, and watches over plain HTTP.
     *
     * <p>fabric8's own reconnection is silent (a stream of a stopped API server looks alive
     * until the inactivity timeout) and follows its own backoff; without it, every end
     * reaches {@link Events#onClose(WatcherException)}, so that this loop resumes, re-lists
     * or backs off by {@code networking.errorBackoffs}, and readiness drops while a stream is
     * down.
     *
     * <p>The events come in a chunked HTTP response, as kubectl and Kopf (aiohttp) read
     * them, not over a WebSocket: fabric8's Vert.x WebSocket client can lose the first frame
     * when the server sends it right after the upgrade's response (a resumed stream's
     * replayed events, a fresh object's ADDED), and the stream then looks healthy while that
     * event never arrives; seen on a loaded machine in about one test run of two.
     *
     * <p>The derived client shares the HTTP client's pool.
     *
     * @param client the operator's client
     * @return the client for {@link #start}
     */
    public static KubernetesClient clientFor(KubernetesClient client) {
        io.fabric8.kubernetes.client.Config given = client.getConfiguration();
        if (given.getWatchReconnectLimit() == 0 && given.isOnlyHttpWatches()) {
            return client;
        }
        io.fabric8.kubernetes.client.Config config = new io.fabric8.kubernetes.client
                .ConfigBuilder(given).withWatchReconnectLimit(0).withOnlyHttpWatches(true)
                .build();
        return DerivedClients.withConfig(client, config);
    }

    /**
     * Starts watching.
     *
     * @param client the client
     * @param target what to watch
     * @param options the timeouts and backoffs
     * @param listener receives events, on the stream's threads
     * @param failures decides whether a failure is retried
     * @return the running watcher
     */
    public static Watcher start(KubernetesClient client, Target target, WatchOptions options,
            Listener listener, Failures failures) {
        Watcher watcher = new Watcher(client, target, options, listener, failures);
        logger.debug("Starting the watch-stream for {}.", target);
        watcher.schedule(watcher::listAndWatch, Duration.ZERO);
        return watcher;
    }

    // Kopf's continuous_watch: a full listing, then events from its resourceVersion on.
    private void listAndWatch() {
        if (closed) {
            return;
        }
        GenericKubernetesResourceList list;
        try {
            list = scoped.list();
        } catch (RuntimeException e) {
            // Whatever breaks a listing (the API, the network, a body we cannot read) is
            // retried; the stream never dies silently.
            failed(e);
            return;
        }
        boolean initial = !synced.isDone();
        Set<String> listed = new HashSet<>();
        for (GenericKubernetesResource object : list.getItems()) {
            String uid = uid(object.getMetadata());
            listed.add(uid);
            String before = known.put(uid, String.valueOf(object.getMetadata()
                    .getResourceVersion()));
            if (initial || before == null) {
                listener.onEvent(initial ? null : "ADDED", Resources.toMap(client, object));
            } else if (!before.equals(object.getMetadata().getResourceVersion())) {
                listener.onEvent("MODIFIED", Resources.toMap(client, object));
            }
        }
        // After a 410 re-listing: what vanished meanwhile was deleted unseen.
        for (String uid : new ArrayList<>(known.keySet())) {
            if (!listed.contains(uid)) {
                known.remove(uid);
                listener.onEvent("DELETED", vanished(uid));
            }
        }
        resourceVersion = list.getMetadata().getResourceVersion();
        synced.complete(null);
        watch();
    }

    private void watch() {
        ListOptionsBuilder builder = new ListOptionsBuilder().withResourceVersion(resourceVersion)
                .withAllowWatchBookmarks(true);
        if (options.serverTimeout() != null) {
            builder.withTimeoutSeconds(Math.max(1, options.serverTimeout().toSeconds()));
        }
        ListOptions listOptions = builder.build();
        int mine;
        synchronized (lock) {
            if (closed) {
                return;
            }
            mine = ++generation;
        }
        Watch opened;
        try {
            opened = scoped.watch(listOptions, new Events(mine));
        } catch (RuntimeException e) {
            if (e instanceof KubernetesClientException client && client.getCode() == 410) {
                logger.debug("The watch-stream for {} is gone (410); re-listing.", target);
                schedule(this::listAndWatch, Duration.ZERO);
            } else {
                failed(e);
            }
            return;
        }
        synchronized (lock) {
            if (closed || mine != generation) {
                opened.close();
                return;
            }
            current = opened;
            watching = true;
            openedAt = System.nanoTime();
            failuresInRow = 0;
            lastActivity = System.nanoTime();
            armTimers(mine);
        }
    }

    // Both timeouts end the stream and resume it from the last resourceVersion seen.
    private void armTimers(int mine) {
        if (options.clientTimeout() != null) {
            timers.add(TIMERS.schedule(() -> resume(mine, "the client timeout"),
                    options.clientTimeout().toMillis(), TimeUnit.MILLISECONDS));
        }
        Duration inactivity = options.inactivityTimeout();
        if (inactivity != null) {
            long period = Math.max(10, inactivity.toMillis() / 4);
            timers.add(TIMERS.scheduleWithFixedDelay(() -> {
                if (System.nanoTime() - lastActivity > inactivity.toNanos()) {
                    resume(mine, "inactivity");
                }
            }, period, period, TimeUnit.MILLISECONDS));
        }
    }

    private void resume(int mine, String reason) {
        synchronized (lock) {
            if (closed || mine != generation) {
                return;
            }
            logger.debug("Resuming the watch-stream for {} after {}.", target, reason);
            endCurrent();
        }
        schedule(this::watch, Duration.ZERO);
    }

    private void endCurrent() {
        generation++;
        watching = false;
        timers.forEach(timer -> timer.cancel(false));
        timers.clear();
        if (current != null) {
            current.close();
            current = null;
        }
    }

    private void failed(Throwable error) {
        int code = code(error);
        int attempt;
        synchronized (lock) {
            if (closed) {
                return;
            }
            endCurrent();
            attempt = ++failuresInRow;
        }
        if (!failures.onFailure(code, error)) {
            synced.completeExceptionally(error);
            close();
            return;
        }
        Duration pause = options.backoff(attempt);
        if (code == 404) {
            // Usually a removed CRD: discovery is re-read and the stream stopped if so.
            logger.debug("Watching {} got 404 and will be retried in {} ms unless the "
                    + "resource is gone.", target, pause.toMillis());
        } else if (code == 403 && forbiddenSaid) {
            logger.debug("Watching {} is still forbidden; retrying in {} ms.", target,
                    pause.toMillis());
        } else {
            // Keep retrying: RBAC may be granted later, and the API may come back. A 403 is
            // said once, not at every attempt.
            forbiddenSaid = code == 403;
            String denied = PermissionDenial.describe(error);
            logger.warn("Watching {} failed and will be retried in {} ms: {}", target,
                    pause.toMillis(), denied != null ? denied : error.toString());
        }
        schedule(this::listAndWatch, pause);
    }

    private void schedule(Runnable step, Duration delay) {
        try {
            TIMERS.schedule(() -> {
                try {
                    LISTINGS.execute(step);
                } catch (RejectedExecutionException e) {
                    logger.debug("Not resuming {}: {}", target, e.toString());
                }
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            logger.debug("Not resuming {}: {}", target, e.toString());
        }
    }

    /** The events of one watch request; those of an ended one are ignored. */
    private final class Events implements io.fabric8.kubernetes.client.Watcher<
            GenericKubernetesResource> {
        private final int mine;

        Events(int mine) {
            this.mine = mine;
        }

        private boolean isCurrent() {
            return !closed && mine == generation;
        }

        @Override
        public void eventReceived(Action action, GenericKubernetesResource object) {
            if (!isCurrent()) {
                return;
            }
            lastActivity = System.nanoTime();
            ObjectMeta meta = object.getMetadata();
            if (meta != null && meta.getResourceVersion() != null) {
                resourceVersion = meta.getResourceVersion();
            }
            if (action == Action.BOOKMARK || action == Action.ERROR || meta == null) {
                return;
            }
            if (action == Action.DELETED) {
                known.remove(uid(meta));
            } else {
                known.put(uid(meta), String.valueOf(meta.getResourceVersion()));
            }
            listener.onEvent(action.name(), Resources.toMap(client, object));
        }

        @Override
        public void onClose(WatcherException cause) {
            if (!isCurrent()) {
                return;
            }
            if (cause.isHttpGone()) {
                logger.debug("The watch-stream for {} is gone (410); re-listing.", target);
                synchronized (lock) {
                    endCurrent();
                }
                schedule(Watcher.this::listAndWatch, Duration.ZERO);
            } else if (System.nanoTime() - openedAt >= SHORTEST_STREAM.toNanos()) {
                // The stream ended after a while (the server's timeout, a dropped
                // connection): resume from the last version; a refused resume is a failure.
                resume(mine, "its end (" + cause.getMessage() + ")");
            } else {
                failed(cause);
            }
        }

        @Override
        public void onClose() {
            // Ended by us (a timeout or the stop).
        }
    }

    private Map<String, Object> vanished(String uid) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        int slash = uid.indexOf('/');
        if (slash >= 0) {
            metadata.put("namespace", uid.substring(0, slash));
            metadata.put("name", uid.substring(slash + 1));
        } else {
            metadata.put("uid", uid);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiVersion", target.resource().apiVersion());
        body.put("kind", target.resource().kind());
        body.put("metadata", metadata);
        return body;
    }

    private static String uid(ObjectMeta meta) {
        return meta.getUid() != null ? meta.getUid()
                : meta.getNamespace() + "/" + meta.getName();
    }

    private static int code(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof KubernetesClientException client && client.getCode() > 0) {
                return client.getCode();
            }
            if (cause instanceof WatcherException watcher) {
                KubernetesClientException client = watcher.asClientException();
                if (client.getCode() > 0) {
                    return client.getCode();
                }
            }
        }
        return 0;
    }

    /**
     * Completes once the initial listing has been delivered.
     *
     * @return a stage completing on the first sync
     */
    public CompletionStage<Void> synced() {
        return synced;
    }

    /**
     * Returns the uids of the objects the stream knows now: after {@link #synced()}, at least
     * those of the initial listing.
     *
     * @return the uids (or {@code namespace/name} for objects without one)
     */
    public List<String> listedUids() {
        return List.copyOf(known.keySet());
    }

    /**
     * Tells whether the watch stream is connected.
     *
     * @return {@code true} while watching
     */
    public boolean isWatching() {
        return watching;
    }

    /**
     * Returns what this stream watches.
     *
     * @return the target
     */
    public Target target() {
        return target;
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            logger.debug("Stopping the watch-stream for {}.", target);
            endCurrent();
            closed = true;
        }
    }
}
