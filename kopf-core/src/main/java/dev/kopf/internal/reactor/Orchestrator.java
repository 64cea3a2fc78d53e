package dev.kopf.internal.reactor;

import dev.kopf.Resource;
import dev.kopf.internal.clients.Watcher;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the watch streams, one per served resource and namespace, as Kopf's
 * {@code orchestration.py}: after each revision of the {@link ClusterObserver} it starts the
 * streams that are missing and stops those no longer needed.
 *
 * <p>Called by the {@link Reactor} once at start-up and then on the observer's thread; the
 * streams are made by the reactor's {@link Spawner}, which routes their events to the workers.
 */
final class Orchestrator implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger("kopf.reactor.orchestration");

    /** Starts one stream. */
    @FunctionalInterface
    interface Spawner {
        /**
         * Starts the stream of one target.
         *
         * @param target what to watch
         * @return the running stream
         */
        Watcher spawn(Watcher.Target target);
    }

    private final ClusterObserver observer;
    private final Function<Resource, String> labelSelectors;
    private final Spawner spawner;
    private final Map<Watcher.Target, Watcher> streams = new LinkedHashMap<>();
    private boolean closed;
    /** Whether the initial streams are started: later changes are logged. */
    private boolean adjusted;

    /**
     * Creates an orchestrator; nothing is watched until {@link #start}.
     *
     * @param observer what the cluster serves
     * @param labelSelectors the server-side label selector of a resource, or {@code null}
     * @param spawner starts the streams
     */
    Orchestrator(ClusterObserver observer, Function<Resource, String> labelSelectors,
            Spawner spawner) {
        this.observer = observer;
        this.labelSelectors = labelSelectors;
        this.spawner = spawner;
    }

    /**
     * Observes the cluster and starts the streams of what it serves now.
     *
     * @param stopped tells whether the operator stops meanwhile
     * @param beforeStreams runs once the cluster is observed and before any stream starts
     *     (peering and leader election, so that a paused operator handles nothing)
     * @return the streams started, for the caller to wait for their first listing
     */
    List<Watcher> start(BooleanSupplier stopped, Runnable beforeStreams) {
        observer.start(this::adjust, stopped);
        if (!stopped.getAsBoolean()) {
            beforeStreams.run();
        }
        synchronized (this) {
            if (closed) {
                // Closed while observing: what the observer started since is stopped too.
                observer.close();
            }
        }
        return adjust();
    }

    /**
     * Starts the missing streams and stops the redundant ones; logs the resources and
     * namespaces that come and go.
     *
     * @return the streams started
     */
    synchronized List<Watcher> adjust() {
        if (closed) {
            return List.of();
        }
        Set<Watcher.Target> desired = desired();
        Set<Resource> stoppedResources = new LinkedHashSet<>();
        Iterator<Map.Entry<Watcher.Target, Watcher>> existing = streams.entrySet().iterator();
        while (existing.hasNext()) {
            Map.Entry<Watcher.Target, Watcher> entry = existing.next();
            if (!desired.contains(entry.getKey())) {
                entry.getValue().close();
                existing.remove();
                stoppedResources.add(entry.getKey().resource());
            }
        }
        Set<Resource> known = new LinkedHashSet<>();
        streams.keySet().forEach(target -> known.add(target.resource()));
        List<Watcher> started = new ArrayList<>();
        Set<Resource> startedResources = new LinkedHashSet<>();
        for (Watcher.Target target : desired) {
            if (!streams.containsKey(target)) {
                Watcher watcher = spawner.spawn(target);
                streams.put(target, watcher);
                started.add(watcher);
                if (!known.contains(target.resource())) {
                    startedResources.add(target.resource());
                }
            }
        }
        if (adjusted) {
            stoppedResources.removeIf(known::contains);
            stoppedResources.forEach(resource -> logger.info("Resource {} is no longer served;"
                    + " its watch-streams are stopped.", resource));
            startedResources.forEach(resource -> logger.info("Resource {} is served now; its "
                    + "watch-streams are started.", resource));
        }
        adjusted = true;
        return started;
    }

    private Set<Watcher.Target> desired() {
        List<String> namespaces = observer.namespaces();
        Set<Watcher.Target> targets = new LinkedHashSet<>();
        for (Resource resource : observer.resources()) {
            String selector = labelSelectors.apply(resource);
            if (!resource.namespaced()) {
                targets.add(new Watcher.Target(resource, null, selector));
                continue;
            }
            for (String namespace : namespaces) {
                targets.add(new Watcher.Target(resource, namespace, selector));
            }
        }
        return targets;
    }

    /** Everything the cluster served at the last discovery. */
    List<Resource> served() {
        return observer.served();
    }

    /** The namespaces served now; a {@code null} element for the whole cluster. */
    List<String> namespaces() {
        return observer.namespaces();
    }

    /** Re-reads discovery, e.g. when a stream got 404 because its CRD is gone. */
    void rescan() {
        observer.rescan();
    }

    /**
     * Tells whether every stream is connected.
     *
     * @return {@code true} while all watch
     */
    synchronized boolean isWatching() {
        return streams.values().stream().allMatch(Watcher::isWatching);
    }

    /**
     * Returns what the streams watch, each with another selector: the sharder watches
     * every object the replicas watch, whoever owns it.
     *
     * @param selectors the selector of a resource's streams
     * @return the targets
     */
    synchronized List<Watcher.Target> targets(Function<Resource, String> selectors) {
        return streams.keySet().stream().map(target -> new Watcher.Target(target.resource(),
                target.namespace(), selectors.apply(target.resource()))).distinct().toList();
    }

    @Override
    public synchronized void close() {
        closed = true;
        observer.close();
        streams.values().forEach(Watcher::close);
        streams.clear();
    }
}
