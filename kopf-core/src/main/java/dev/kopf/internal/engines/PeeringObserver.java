package dev.kopf.internal.engines;

import dev.kopf.PeeringSettings;
import dev.kopf.Resource;
import dev.kopf.internal.clients.ApiException;
import dev.kopf.internal.clients.Patcher;
import dev.kopf.internal.concurrent.ToggleSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peering object, in one namespace or cluster-wide, as Kopf's {@code peering.py}: the
 * keep-alives of this operator's record, and the verdict on every change of the object
 * (pause in favour of a live peer of higher priority; pause all with a warning for a live
 * peer of the same priority; resume when they are gone), cleaning out dead peers.
 *
 * <p>Everything runs on the one peering scheduler given by {@link Peerings}; the watch
 * stream's thread only hands the events over.
 */
final class PeeringObserver {

    private static final Logger logger = LoggerFactory.getLogger("kopf.engines.peering");

    private final Patcher patcher;
    private final Resource resource;
    private final String namespace;
    private final String identity;
    private final PeeringSettings settings;
    private final ToggleSet.Toggle conflicts;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private ScheduledFuture<?> keepalive;
    private ScheduledFuture<?> recheck;
    private volatile boolean closed;

    /** Who this observer is and where its peering object lives. */
    record Target(Resource resource, String namespace, String identity,
            PeeringSettings settings) {
    }

    PeeringObserver(Target target, Patcher patcher, ToggleSet.Toggle conflicts,
            ScheduledExecutorService scheduler, Clock clock) {
        this.patcher = patcher;
        this.resource = target.resource();
        this.namespace = target.namespace();
        this.identity = target.identity();
        this.settings = target.settings();
        this.conflicts = conflicts;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Sends the first keep-alive now and the next ones on Kopf's schedule. */
    void startKeepalive() {
        keepalive = scheduler.schedule(this::keepaliveOnce, 0, TimeUnit.MILLISECONDS);
    }

    private void keepaliveOnce() {
        if (closed) {
            return;
        }
        touch(settings.lifetime());
        // Slightly less than the lifetime, so that the record never expires; with jitter,
        // so that the peers' keep-alives spread over time.
        long lifetime = Math.max(0, settings.lifetime().toSeconds());
        long seconds = Math.max(1, Math.min(lifetime,
                Math.max(1, lifetime - ThreadLocalRandom.current().nextInt(5, 11))));
        keepalive = scheduler.schedule(this::keepaliveOnce, seconds, TimeUnit.SECONDS);
    }

    /**
     * Receives an event of a peering object, on the watch stream's thread.
     *
     * @param type the event type, or {@code null} for the initial listing
     * @param body the peering object
     */
    void onEvent(String type, Map<String, Object> body) {
        if (!closed) {
            scheduler.execute(() -> process(body));
        }
    }

    // Kopf's process_peering_event.
    void process(Map<String, Object> body) {
        Object meta = body.get("metadata");
        if (closed || !(meta instanceof Map<?, ?> m) || !settings.name().equals(m.get("name"))) {
            return;
        }
        Instant now = clock.instant();
        List<Peer> peers = peers(body, now);
        List<Peer> dead = peers.stream().filter(p -> p.isDead(now)).toList();
        List<Peer> live = peers.stream()
                .filter(p -> !p.isDead(now) && !p.identity().equals(identity)).toList();
        List<Peer> higher = live.stream().filter(p -> p.priority() > settings.priority()).toList();
        List<Peer> same = live.stream().filter(p -> p.priority() == settings.priority()).toList();
        if (!dead.isEmpty()) {
            clean(dead);
        }
        if (!higher.isEmpty()) {
            if (!conflicts.isOn()) {
                logger.info("Pausing operations in favour of {}.", higher);
                conflicts.turnTo(true);
            }
        } else if (!same.isEmpty()) {
            logger.warn("Possibly conflicting operators with the same priority: {}.", same);
            if (!conflicts.isOn()) {
                logger.warn("Pausing all operators, including self: {}", peers);
                conflicts.turnTo(true);
            }
        } else if (conflicts.isOn()) {
            logger.info("Resuming operations after the pause. Conflicting operators with the "
                    + "same priority are gone.");
            conflicts.turnTo(false);
        }
        scheduleRecheck(now, higher, same);
    }

    // When the blocking peers are due to expire, re-evaluate by touching our own record, as
    // Kopf does: a newer event of the object comes first and replaces this.
    private void scheduleRecheck(Instant now, List<Peer> higher, List<Peer> same) {
        if (recheck != null) {
            recheck.cancel(false);
            recheck = null;
        }
        List<Peer> blocking = new ArrayList<>(higher);
        blocking.addAll(same);
        Optional<Instant> first = blocking.stream().map(Peer::deadline).min(Instant::compareTo);
        first.ifPresent(deadline -> recheck = scheduler.schedule(() -> touch(settings.lifetime()),
                Math.max(0, Duration.between(now, deadline).toMillis()) + 1,
                TimeUnit.MILLISECONDS));
    }

    private List<Peer> peers(Map<String, Object> body, Instant now) {
        List<Peer> peers = new ArrayList<>();
        if (!(body.get("status") instanceof Map<?, ?> status)) {
            return peers;
        }
        for (Map.Entry<?, ?> entry : status.entrySet()) {
            if (!(entry.getValue() instanceof Map<?, ?> info)) {
                continue;
            }
            try {
                peers.add(Peer.parse(String.valueOf(entry.getKey()), info, now));
            } catch (IllegalArgumentException e) {
                // One peer's broken record must not stop the verdict on the others.
                logger.warn("Ignoring the peer {} in {}: {}", entry.getKey(), where(),
                        e.getMessage());
            }
        }
        return peers;
    }

    // Kopf's touch: a zero lifetime removes the record (the goodbye, and kopf resume).
    void touch(Duration lifetime) {
        try {
            touchOrThrow(lifetime);
        } catch (ApiException e) {
            logger.warn("Keep-alive in '{}' {} failed: {}", settings.name(), where(),
                    e.getMessage());
        }
    }

    /**
     * Writes (or, with a zero lifetime, removes) this operator's record once.
     *
     * @param lifetime the record's lifetime
     * @return {@code false} when the peering object does not exist
     * @throws ApiException when the API refuses the patch
     */
    boolean touchOrThrow(Duration lifetime) {
        Peer peer = new Peer(identity, settings.priority(), lifetime, clock.instant());
        Map<String, Object> records = new HashMap<>();
        records.put(identity, peer.isDead(clock.instant()) ? null : peer.asMap());
        boolean found = patch(records);
        if (!settings.stealth() || !found) {
            logger.debug("Keep-alive in '{}' {}: {}.", settings.name(), where(),
                    found ? "ok" : "not found");
        }
        return found;
    }

    private void clean(List<Peer> dead) {
        Map<String, Object> records = new LinkedHashMap<>();
        dead.forEach(peer -> records.put(peer.identity(), null));
        try {
            patch(records);
        } catch (ApiException e) {
            logger.warn("Cleaning the dead peers in '{}' {} failed: {}", settings.name(),
                    where(), e.getMessage());
        }
    }

    private boolean patch(Map<String, Object> records) {
        Map<String, Object> patch = new HashMap<>();
        patch.put("status", records);
        String sub = resource.hasStatusSubresource() ? "status" : null;
        return patcher.mergePatch(resource, namespace, settings.name(), sub, patch).isPresent();
    }

    private String where() {
        return namespace != null ? "in '" + namespace + "'" : "cluster-wide";
    }

    /** Stops the keep-alives and removes this operator's record: the goodbye. */
    void close() {
        closed = true;
        if (keepalive != null) {
            keepalive.cancel(false);
        }
        if (recheck != null) {
            recheck.cancel(false);
        }
    }

    /** Removes this operator's record, as Kopf's keep-alive does when it ends. */
    void sayGoodbye() {
        try {
            touch(Duration.ZERO);
        } catch (RuntimeException e) {
            logger.error("Couldn't remove self from the peering. Ignoring.", e);
        }
    }
}
