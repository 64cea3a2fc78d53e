package dev.kopf.internal.reactor;

import dev.kopf.LeaderElection;
import dev.kopf.OperatorSettings;
import dev.kopf.Resource;
import dev.kopf.internal.concurrent.Threads;
import dev.kopf.internal.concurrent.ToggleSet;
import dev.kopf.internal.clients.LeaseClient;
import dev.kopf.internal.clients.WatchOptions;
import dev.kopf.internal.clients.Watcher;
import dev.kopf.internal.engines.Daemons;
import dev.kopf.internal.engines.LeaderElector;
import dev.kopf.internal.engines.PeerIdentity;
import dev.kopf.internal.engines.Peerings;
import dev.kopf.internal.sharding.Sharding;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's pause, as Kopf's {@code operator_paused} toggle set: while any of its
 * toggles is on (a peer of higher or the same priority, a freeze, a lease not held), the
 * per-object workers start no new run (the running handlers finish) and the daemons and
 * timers are stopped with {@code OPERATOR_PAUSING}; when all are off again, the waiting
 * objects run and their daemons and timers are spawned anew.
 *
 * <p>The changes are applied in order on one thread of its own, since stopping daemons
 * takes a while.
 */
final class OperatorPause implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger("kopf.reactor.running");

    private final ToggleSet toggles = new ToggleSet();
    private final ExecutorService thread = Threads.workers("kopf-pausing", 1);
    private final String identity = PeerIdentity.detect(false);
    private Peerings peerings;
    private volatile LeaderElector elector;
    private volatile Sharding sharding;
    private volatile Supplier<List<Watcher.Target>> shardTargets = List::of;
    private volatile boolean paused;
    /** The state last applied; used on the pausing thread only. */
    private boolean applied;

    /**
     * Starts the peering and the leader election, which own toggles of this pause, unless
     * the operator is stopped.
     *
     * @param client the client
     * @param served the resources the cluster serves
     * @param namespaces the served namespaces, or {@code null} alone for the cluster
     * @param settings the settings in force
     * @param stopped whether the operator is stopped; checked under the caller's lock
     */
    void startCoordination(KubernetesClient client, List<Resource> served,
            List<String> namespaces, OperatorSettings settings, AtomicBoolean stopped) {
        if (stopped.get()) {
            return;
        }
        LeaderElection election = settings.leaderElection();
        if (election.enabled()) {
            String namespace = election.leaseNamespace() != null ? election.leaseNamespace()
                    : System.getenv().getOrDefault("POD_NAMESPACE", "default");
            elector = new LeaderElector(new LeaseClient(client, namespace,
                    election.leaseName()), election, identity,
                    toggles.makeToggle("not leading", true), Clock.systemUTC());
            elector.start();
        }
        Sharding ring = sharding(settings);
        ring.start(new Sharding.Start(client, toggles, shardTargets, WatchOptions.of(settings),
                settings.peering().standalone()));
        // The ring coordinates sharded replicas: peering would pause all of them but one.
        peerings = Peerings.start(new Peerings.Config(client, served, namespaces,
                ring.isEnabled() ? settings.peering().withStandalone(true) : settings.peering(),
                identity, toggles, WatchOptions.of(settings)));
    }

    /**
     * Returns this replica's sharding, made once from the settings in force.
     *
     * @param settings the settings in force
     * @return the sharding, which does nothing when off
     */
    synchronized Sharding sharding(OperatorSettings settings) {
        if (sharding == null) {
            sharding = Sharding.of(settings.sharding(), identity);
        }
        return sharding;
    }

    /** Tells the sharder what to watch: every object of the replicas' streams. */
    void shardTargets(Supplier<List<Watcher.Target>> targets) {
        shardTargets = targets;
    }

    /**
     * Tells whether the framework may write: always, except once the leader lease is known
     * lost (fencing the writes of the handlers that finish after that).
     *
     * @return {@code false} while leader election is on and this replica does not lead
     */
    boolean mayWrite() {
        LeaderElector current = elector;
        return current == null || current.isLeading();
    }

    /**
     * Returns the state for status reports and metrics.
     *
     * @return whether paused, and whether leading ({@code null} without leader election)
     */
    CoordinationStatus status() {
        LeaderElector current = elector;
        return new CoordinationStatus(paused, current == null ? null : current.isLeading());
    }

    ToggleSet toggles() {
        return toggles;
    }

    /** Applies the pause to the queue and the daemons, now and on every change. */
    void attach(ObjectQueue queue, Daemons daemons) {
        toggles.onChange(on -> {
            paused = on;
            if (on) {
                // At once: no new handler may start after the verdict.
                queue.pause(true);
            }
            thread.execute(() -> apply(queue, daemons));
        });
    }

    // On the pausing thread, with the latest state: a pause and a resume in quick
    // succession must not leave the queue running while a toggle is on.
    private void apply(ObjectQueue queue, Daemons daemons) {
        boolean on = paused;
        if (on == applied) {
            return;
        }
        applied = on;
        logger.debug("The operator is {} ({}).", on ? "paused" : "resumed",
                on ? toggles.activeNames() : "no reasons left");
        // Daemons may be spawned again before the objects run again, which spawns them.
        daemons.pause(on);
        queue.pause(on);
    }

    boolean isPaused() {
        return paused;
    }

    /** Ends the peering (removing this operator's records) and the pausing thread. */
    @Override
    public void close() {
        if (peerings != null) {
            peerings.close();
        }
        if (elector != null) {
            // Released after the last handler's write, so a standby takes over at once.
            elector.close();
        }
        if (sharding != null) {
            // Likewise: the others take our objects once our membership Lease is gone.
            sharding.close();
        }
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
