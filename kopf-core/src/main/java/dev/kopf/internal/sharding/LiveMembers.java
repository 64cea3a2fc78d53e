package dev.kopf.internal.sharding;

import dev.kopf.internal.clients.RingLeases;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The judgement of which members of a ring are live, from its Leases: a member is live while
 * its Lease has changed within its {@code leaseDurationSeconds}, judged by the observer's own
 * clock (never by the holder's timestamps, as client-go judges a leader's lease).
 *
 * <p>Kept by the sharder, which also deletes the Leases long dead, and by every replica's
 * {@link RingView} for the assignment webhook, so that both judge alike. Confined to its
 * caller's thread.
 */
final class LiveMembers {

    private static final Logger logger = LoggerFactory.getLogger("kopf.sharding.members");

    private final RingLeases leases;
    private final ShardLabels labels;
    private final Duration defaultDuration;
    private final Clock clock;
    /** Each member's Lease as last seen, and when (by our clock) it last changed. */
    private final Map<String, Observed> observed = new HashMap<>();

    private record Observed(String leaseName, String resourceVersion, Instant changedAt,
            Duration duration) {
    }

    /** Whether to delete the Leases expired for twice their duration (the sharder does). */
    enum Cleanup {
        /** Delete them, so that the list stays short. */
        DELETE_EXPIRED,
        /** Only observe. */
        NONE
    }

    LiveMembers(RingLeases leases, ShardLabels labels, Duration defaultDuration, Clock clock) {
        this.leases = leases;
        this.labels = labels;
        this.defaultDuration = defaultDuration;
        this.clock = clock;
    }

    /**
     * Lists the ring's Leases and returns the live members.
     *
     * @param cleanup whether to delete the long-dead Leases
     * @return the live members' names
     */
    List<String> refresh(Cleanup cleanup) {
        Instant now = clock.instant();
        Set<String> listed = new HashSet<>();
        for (Lease lease : leases.list(ShardLabels.RING_LABEL, labels.ring())) {
            String member = Membership.memberOf(lease);
            listed.add(member);
            Observed last = observed.get(member);
            String version = lease.getMetadata().getResourceVersion();
            Integer seconds = lease.getSpec() == null ? null
                    : lease.getSpec().getLeaseDurationSeconds();
            Duration duration = seconds != null ? Duration.ofSeconds(seconds) : defaultDuration;
            if (last == null || !last.resourceVersion().equals(version)) {
                observed.put(member, new Observed(lease.getMetadata().getName(), version, now,
                        duration));
            }
        }
        observed.keySet().retainAll(listed);
        List<String> live = new ArrayList<>();
        observed.forEach((member, seen) -> {
            if (now.isBefore(seen.changedAt().plus(seen.duration()))) {
                live.add(member);
            } else if (cleanup == Cleanup.DELETE_EXPIRED
                    && now.isAfter(seen.changedAt().plus(seen.duration().multipliedBy(2)))) {
                deleteQuietly(seen.leaseName());
            }
        });
        return live;
    }

    private void deleteQuietly(String lease) {
        try {
            leases.delete(lease);
            logger.debug("Deleted the expired membership Lease {}.", lease);
        } catch (RuntimeException e) {
            logger.debug("Cannot delete the expired membership Lease {}: {}", lease,
                    e.toString());
        }
    }
}
