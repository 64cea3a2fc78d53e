package dev.kopf.internal.sharding;

import dev.kopf.Resource;
import dev.kopf.ShardingSettings;
import dev.kopf.internal.clients.ApiException;
import dev.kopf.internal.clients.Patcher;
import dev.kopf.internal.clients.RingLeases;
import dev.kopf.internal.clients.WatchOptions;
import dev.kopf.internal.clients.Watcher;
import dev.kopf.internal.concurrent.Threads;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sharder, run by the one replica that holds the {@code <ring>-sharder} Lease: it watches
 * every served object (all of them, whoever owns them: the cost of sharding, see
 * {@code docs/sharding.md}) and the ring's membership Leases, and applies the
 * {@link RebalancePlan}: new objects are assigned as soon as their event arrives, and the
 * objects whose hash owner changed are drained when the members change.
 *
 * <p>All its state is confined to its own thread; the watch threads only hand events over.
 * The moves' writes go to {@link #LANES} lanes, so that a rebalance of thousands of objects
 * is not one request at a time; an object's moves always take the same lane, in the order
 * they were planned.
 */
final class Sharder implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger("kopf.sharding.sharder");

    /** What the sharder needs from its replica. */
    record Config(KubernetesClient client, RingLeases leases, ShardLabels labels,
            ShardingSettings settings, Supplier<List<Watcher.Target>> targets,
            WatchOptions watching) {
    }

    private final Config config;
    private final Patcher patcher;
    private final ScheduledExecutorService thread = Threads.scheduler("kopf-sharder");
    private final Map<Watcher.Target, Watcher> streams = new LinkedHashMap<>();
    private final Map<String, RebalancePlan.Seen> objects = new HashMap<>();
    private final LiveMembers members;
    private HashRing ring = new HashRing(List.of(), 1);
    /** When the members were last read ({@link System#nanoTime()}); the sharder's thread's. */
    private long refreshedAt = System.nanoTime();
    /** Objects not planned because the members could not be read; the next round plans them. */
    private final Set<String> deferred = new HashSet<>();
    private volatile boolean closed;
    private final AtomicLong moves =
            new AtomicLong();
    private final ExecutorService[] lanes = new ExecutorService[LANES];

    /** How many moves are written at once, at most. */
    static final int LANES = 8;

    Sharder(Config config, Clock clock) {
        this.config = config;
        this.patcher = new Patcher(config.client());
        this.members = new LiveMembers(config.leases(), config.labels(),
                config.settings().leaseDuration(), clock);
        for (int i = 0; i < LANES; i++) {
            lanes[i] = Executors.newSingleThreadExecutor(
                    Threads.daemons("kopf-sharder-moves-" + i));
        }
    }

    /** Starts the rounds: membership and streams now, then every retry period. */
    void start() {
        logger.info("Sharding ring '{}': this replica is the sharder now.",
                config.labels().ring());
        thread.execute(this::round);
    }

    private void round() {
        if (closed) {
            return;
        }
        try {
            adjustStreams();
            if (!refreshRing()) {
                planDeferred();
            }
            deferred.clear();
        } catch (RuntimeException e) {
            logger.warn("The sharder's round failed; it is retried: {}", e.toString());
        }
        if (!closed) {
            thread.schedule(this::round, config.settings().retryPeriod().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Reads the members' Leases again; when the members changed, rebalances every object.
     *
     * @return whether the ring changed (every object known has then been planned anew)
     */
    private boolean refreshRing() {
        refreshedAt = System.nanoTime();
        HashRing next = new HashRing(members.refresh(LiveMembers.Cleanup.DELETE_EXPIRED),
                config.settings().virtualNodes());
        if (next.members().equals(ring.members())) {
            return false;
        }
        logger.info("Sharding ring '{}' has changed; its members now: {}.",
                config.labels().ring(), next.members());
        ring = next;
        rebalance();
        return true;
    }

    // The objects still known whose planning waited for a reading of the members.
    private void planDeferred() {
        List<RebalancePlan.Seen> waiting = deferred.stream().map(objects::get)
                .filter(Objects::nonNull).toList();
        RebalancePlan.plan(waiting, ring).forEach(this::apply);
    }

    private void adjustStreams() {
        Set<Watcher.Target> desired = new HashSet<>(config.targets().get());
        streams.entrySet().removeIf(entry -> {
            if (!desired.contains(entry.getKey())) {
                entry.getValue().close();
                return true;
            }
            return false;
        });
        for (Watcher.Target target : desired) {
            streams.computeIfAbsent(target, t -> Watcher.start(config.client(), t,
                    config.watching(), (type, body) -> handOver(t, type, body),
                    Watcher.Failures.RETRY));
        }
    }

    // On the watch threads: only hands the event to the sharder's thread.
    private void handOver(Watcher.Target target, String type, Map<String, Object> body) {
        if (closed) {
            return;
        }
        long arrivedAt = System.nanoTime();
        try {
            thread.execute(() -> seen(target, type, body, arrivedAt));
        } catch (RejectedExecutionException e) {
            // Closing: the next sharder lists everything anew.
        }
    }

    @SuppressWarnings("unchecked")
    private void seen(Watcher.Target target, String type, Map<String, Object> body,
            long arrivedAt) {
        if (closed || !(body.get("metadata") instanceof Map<?, ?> raw)) {
            return;
        }
        Map<String, Object> metadata = (Map<String, Object>) raw;
        Object uid = metadata.get("uid");
        String key = target.resource().name() + "/" + (uid != null ? uid
                : metadata.get("namespace") + "/" + metadata.get("name"));
        if ("DELETED".equals(type)) {
            objects.remove(key);
            return;
        }
        Map<String, ?> labels = metadata.get("labels") instanceof Map<?, ?> l
                ? (Map<String, ?>) l : null;
        RebalancePlan.Seen object = new RebalancePlan.Seen(new ObjectId(target.resource(),
                (String) metadata.get("namespace"), (String) metadata.get("name"),
                uid == null ? null : uid.toString()),
                ShardKeys.keyOf(config.settings().hashingKey(), metadata),
                config.labels().ownerOf(labels), config.labels().drainOf(labels),
                (String) metadata.get("resourceVersion"), labels != null);
        objects.put(key, object);
        String owner = object.owner();
        if (owner != null && !ring.members().contains(owner) && arrivedAt - refreshedAt > 0) {
            // Labelled for a member this view does not have: a replica that joined since
            // the last round (the assignment webhook saw its Lease), or a dead one. Only the
            // Leases tell, so they are read again before the object is taken from it; once
            // per burst, since one reading answers for every event that came before it.
            try {
                if (refreshRing()) {
                    return;
                }
            } catch (RuntimeException e) {
                // Not taken from a member that may be alive: the next round plans it.
                logger.debug("Cannot read the ring's members for {}: {}", object.id(),
                        e.toString());
                deferred.add(key);
                return;
            }
        }
        RebalancePlan.plan(List.of(object), ring).forEach(this::apply);
    }

    private void rebalance() {
        List<RebalancePlan.Move> plan = RebalancePlan.plan(objects.values(), ring);
        long assigned = plan.stream()
                .filter(m -> m.action() == RebalancePlan.Action.ASSIGN).count();
        long drained = plan.stream()
                .filter(m -> m.action() == RebalancePlan.Action.DRAIN).count();
        logger.info("Rebalancing {} objects: {} assigned directly, {} drained.", objects.size(),
                assigned, drained);
        plan.forEach(this::apply);
    }

    // On the sharder's thread: queues the move on its object's lane.
    private void apply(RebalancePlan.Move move) {
        ObjectId id = move.object().id();
        try {
            lanes[Math.floorMod(id.hashCode(), LANES)].execute(() -> write(move));
        } catch (RejectedExecutionException e) {
            // Closing: the next sharder plans anew.
        }
    }

    private void write(RebalancePlan.Move move) {
        if (closed) {
            // No longer the sharder: the next one plans anew.
            return;
        }
        ObjectId id = move.object().id();
        try {
            switch (move.action()) {
                case ASSIGN -> assign(move);
                case DRAIN -> patchLabel(id, config.labels().drain(), move.target());
                case UNDRAIN -> patchLabel(id, config.labels().drain(), null);
                default -> throw new IllegalStateException(move.action().name());
            }
            moves.incrementAndGet();
            logger.debug("{} {} to {}.", move.action(), id, move.target());
        } catch (ApiException e) {
            // The object changed since it was seen (409/422) or is gone: its next event
            // brings it again, and the plan is made anew.
            logger.debug("Cannot {} {}: {}", move.action(), id, e.getMessage());
        }
    }

    // Conditioned on the version seen: an owner that took the object meanwhile wins.
    private void assign(RebalancePlan.Move move) {
        ObjectId id = move.object().id();
        List<Map<String, Object>> ops = new ArrayList<>();
        ops.add(Map.of("op", "test", "path", "/metadata/resourceVersion",
                "value", move.object().resourceVersion()));
        ops.add(Map.of("op", "add", "path", "/metadata/labels/"
                + escape(config.labels().assignment()), "value", move.target()));
        if (move.object().drain() != null) {
            ops.add(Map.of("op", "remove", "path", "/metadata/labels/"
                    + escape(config.labels().drain())));
        }
        if (!move.object().labelled()) {
            // No labels at all: the label is added with its map.
            ops.set(1, Map.of("op", "add", "path", "/metadata/labels",
                    "value", Map.of(config.labels().assignment(), move.target())));
        }
        patcher.jsonPatch(id.resource(), id.namespace(), id.name(), null, ops);
    }

    private void patchLabel(ObjectId id, String key, String value) {
        Map<String, Object> labels = new HashMap<>();
        labels.put(key, value);
        patcher.mergePatch(id.resource(), id.namespace(), id.name(), null,
                Map.of("metadata", Map.of("labels", labels)));
    }

    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /**
     * Returns how many moves were applied, for the figures.
     *
     * @return the count
     */
    long moves() {
        return moves.get();
    }

    /** Stops the streams and the rounds. */
    @Override
    public void close() {
        closed = true;
        thread.execute(() -> {
            streams.values().forEach(Watcher::close);
            streams.clear();
        });
        thread.shutdown();
        for (ExecutorService lane : lanes) {
            // Queued moves see the sharder closed and skip; a write in flight ends.
            lane.shutdown();
        }
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
            for (ExecutorService lane : lanes) {
                if (!lane.awaitTermination(5, TimeUnit.SECONDS)) {
                    lane.shutdownNow();
                }
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            for (ExecutorService lane : lanes) {
                lane.shutdownNow();
            }
            Thread.currentThread().interrupt();
        }
        logger.info("Sharding ring '{}': this replica is no longer the sharder.",
                config.labels().ring());
    }
}
