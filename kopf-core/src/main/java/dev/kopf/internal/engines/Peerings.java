package dev.kopf.internal.engines;

import dev.kopf.PeeringSettings;
import dev.kopf.Resource;
import dev.kopf.internal.clients.Patcher;
import dev.kopf.internal.clients.WatchOptions;
import dev.kopf.internal.clients.Watcher;
import dev.kopf.internal.concurrent.Threads;
import dev.kopf.internal.concurrent.ToggleSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's peering, as Kopf's orchestration of peering tasks: finds the peering
 * resource ({@code kopf.dev}, else the legacy {@code zalando.org}), and for each served
 * namespace (or once cluster-wide) watches the peering object and keeps this operator's
 * record alive. Each observer owns one toggle of the operator's pause.
 *
 * <p>Started by the reactor before the watch streams, so that a mandatory peering pauses
 * the operator before anything is handled; closed at exit, which removes the records.
 */
public final class Peerings implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger("kopf.engines.peering");

    /** Kopf's groups of the peering CRDs, the current one first. */
    static final List<String> GROUPS = List.of("kopf.dev", "zalando.org");

    private final List<PeeringObserver> observers = new ArrayList<>();
    private final List<Watcher> watchers = new ArrayList<>();
    private final ScheduledExecutorService scheduler;

    private Peerings(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Where and how to peer.
     *
     * @param client the client
     * @param served the resources the cluster serves
     * @param namespaces the served namespaces ({@code null} alone for cluster-wide)
     * @param settings the peering settings
     * @param identity this operator's identity
     * @param paused the operator's pause, to which each observer adds its toggle
     * @param watching how the peering objects are watched (the operator's watch settings)
     */
    public record Config(KubernetesClient client, List<Resource> served,
            List<String> namespaces, PeeringSettings settings, String identity,
            ToggleSet paused, WatchOptions watching) {
    }

    /**
     * Starts peering unless standalone, or unless the peering CRD is absent and peering is
     * optional (auto-detection: then the operator runs standalone).
     *
     * @param config where and how
     * @return the running peering (maybe with nothing in it)
     * @throws ActivityException when peering is mandatory and its CRD is absent: the
     *     operator cannot start, reported as a one-line error
     */
    public static Peerings start(Config config) {
        PeeringSettings settings = config.settings();
        if (settings.standalone()) {
            return new Peerings(null);
        }
        Optional<Resource> found = find(config.served(), settings.clusterwide());
        String kind = settings.clusterwide() ? "ClusterKopfPeering" : "KopfPeering";
        if (found.isEmpty()) {
            if (settings.mandatory()) {
                throw new ActivityException("The peering CRD for " + kind + " is absent, "
                        + "but peering '" + settings.name() + "' is mandatory. Apply "
                        + "dev/kopf/peering.yaml (Kopf's peering.yaml), or run with "
                        + "--standalone.");
            }
            logger.debug("The peering CRD for {} is absent; running standalone.", kind);
            return new Peerings(null);
        }
        Resource resource = found.get();
        Peerings peerings = new Peerings(Threads.scheduler("kopf-peering"));
        Patcher patcher = new Patcher(config.client());
        List<String> namespaces = settings.clusterwide() || !resource.namespaced()
                ? java.util.Collections.singletonList(null) : config.namespaces();
        for (String namespace : namespaces) {
            if (namespace == null && resource.namespaced()) {
                continue;
            }
            String what = settings.name() + "@" + namespace;
            ToggleSet.Toggle conflicts = config.paused().makeToggle(what,
                    settings.mandatory());
            PeeringObserver observer = new PeeringObserver(new PeeringObserver.Target(resource,
                    namespace, config.identity(), settings), patcher, conflicts,
                    peerings.scheduler, Clock.systemUTC());
            peerings.observers.add(observer);
            peerings.watchers.add(Watcher.start(config.client(),
                    new Watcher.Target(resource, namespace, null), config.watching(),
                    observer::onEvent, Watcher.Failures.RETRY));
            observer.startKeepalive();
        }
        return peerings;
    }

    /**
     * Writes this operator's record once in each peering object, as Kopf's
     * {@code touch_command} for {@code kopf freeze} and {@code kopf resume}.
     *
     * @param config where and who ({@code paused} is not used)
     * @param lifetime the record's lifetime; zero removes the record
     * @return the peering objects not found, as {@code name in 'ns'} or
     *     {@code name cluster-wide}
     * @throws ActivityException when the peering CRD is absent
     * @throws dev.kopf.internal.clients.ApiException when the API refuses a patch
     */
    public static List<String> touchOnce(Config config, java.time.Duration lifetime) {
        PeeringSettings settings = config.settings();
        String kind = settings.clusterwide() ? "ClusterKopfPeering" : "KopfPeering";
        Resource resource = find(config.served(), settings.clusterwide()).orElseThrow(() ->
                new ActivityException("Cannot find the peering resource for " + kind
                        + " (kopf.dev or zalando.org). Apply dev/kopf/peering.yaml."));
        List<String> missing = new ArrayList<>();
        Patcher patcher = new Patcher(config.client());
        List<String> namespaces = settings.clusterwide() || !resource.namespaced()
                ? java.util.Collections.singletonList(null) : config.namespaces();
        for (String namespace : namespaces) {
            PeeringObserver observer = new PeeringObserver(new PeeringObserver.Target(resource,
                    namespace, config.identity(), settings), patcher,
                    new ToggleSet().makeToggle("command", false), null, Clock.systemUTC());
            if (!observer.touchOrThrow(lifetime)) {
                missing.add("'" + settings.name() + "' " + (namespace == null ? "cluster-wide"
                        : "in '" + namespace + "'"));
            }
        }
        return missing;
    }

    static Optional<Resource> find(List<Resource> served, boolean clusterwide) {
        String plural = clusterwide ? "clusterkopfpeerings" : "kopfpeerings";
        for (String group : GROUPS) {
            for (Resource resource : served) {
                if (resource.group().equals(group) && resource.plural().equals(plural)) {
                    return Optional.of(resource);
                }
            }
        }
        return Optional.empty();
    }

    /** Stops watching and keeping alive, then removes this operator's records. */
    @Override
    public void close() {
        if (scheduler == null) {
            return;
        }
        watchers.forEach(Watcher::close);
        observers.forEach(PeeringObserver::close);
        scheduler.execute(() -> observers.forEach(PeeringObserver::sayGoodbye));
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
