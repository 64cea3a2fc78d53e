package dev.kopf.internal.sharding;

import dev.kopf.ShardingSettings;
import dev.kopf.internal.clients.ApiException;
import dev.kopf.internal.clients.RingLeases;
import dev.kopf.internal.concurrent.Threads;
import dev.kopf.internal.concurrent.ToggleSet;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's membership of the ring: its own Lease {@code <ring>-<member>}, labelled
 * with the ring, created at start and renewed every retry period as a leader's lease is. A
 * member that cannot renew for the renew deadline stops working (a toggle of the operator's
 * pause), before the sharder, which waits the longer lease duration, gives its objects away.
 * A graceful exit deletes the Lease, after the last handler's write.
 */
final class Membership implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger("kopf.sharding.membership");

    private final RingLeases leases;
    private final ShardLabels labels;
    private final String member;
    private final String identity;
    private final ShardingSettings settings;
    private final ToggleSet.Toggle notMember;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Threads.scheduler("kopf-membership");
    private volatile Instant renewedAt;
    private volatile boolean closed;
    private final CompletableFuture<Void> firstRound = new CompletableFuture<>();

    Membership(RingLeases leases, ShardLabels labels, String member, String identity,
            ShardingSettings settings, ToggleSet.Toggle notMember, Clock clock) {
        this.leases = leases;
        this.labels = labels;
        this.member = member;
        this.identity = identity;
        this.settings = settings;
        this.notMember = notMember;
        this.clock = clock;
    }

    /**
     * Lists the other live members, judged by their own renewal times (there is no earlier
     * observation to go by at start-up).
     *
     * @return the other members' names
     */
    List<String> others() {
        Instant now = clock.instant();
        return leases.list(ShardLabels.RING_LABEL, labels.ring()).stream()
                .filter(lease -> !member.equals(memberOf(lease)) && isFresh(lease, now))
                .map(Membership::memberOf).toList();
    }

    static String memberOf(Lease lease) {
        Map<String, String> annotations = lease.getMetadata().getAnnotations();
        String name = annotations == null ? null : annotations.get(MEMBER_ANNOTATION);
        return name != null ? name : lease.getMetadata().getName();
    }

    /** The annotation with the member's name, since the Lease's name has the ring in front. */
    static final String MEMBER_ANNOTATION = "sharding.kopf.dev/member";

    private static boolean isFresh(Lease lease, Instant now) {
        LeaseSpec spec = lease.getSpec();
        if (spec == null || spec.getRenewTime() == null || spec.getLeaseDurationSeconds() == null) {
            return false;
        }
        return now.isBefore(spec.getRenewTime().toInstant()
                .plusSeconds(spec.getLeaseDurationSeconds()));
    }

    /** Joins the ring: the first renewal now, then every retry period. */
    void start() {
        logger.info("Joining the sharding ring '{}' as {} (Lease {}/{}).", labels.ring(), member,
                leases.namespace(), labels.memberLease(member));
        scheduler.execute(this::round);
    }

    /**
     * Completes when the first renewal is done, whether it wrote the Lease or failed (the
     * next rounds retry it), or when the membership is closed first.
     *
     * @return the first round's end
     */
    CompletionStage<Void> firstRound() {
        return firstRound;
    }

    private void round() {
        if (closed) {
            return;
        }
        try {
            renew();
            renewedAt = clock.instant();
            notMember.turnTo(false);
        } catch (ApiException | IllegalStateException e) {
            logger.debug("Cannot renew the membership Lease {}: {}", labels.memberLease(member),
                    e.getMessage());
        } catch (RuntimeException e) {
            logger.warn("Cannot renew the membership Lease {}: {}", labels.memberLease(member),
                    e.toString());
        }
        checkDeadline();
        firstRound.complete(null);
        if (!closed) {
            scheduler.schedule(this::round, settings.retryPeriod().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void checkDeadline() {
        Instant renewed = renewedAt;
        if (!notMember.isOn() && (renewed == null
                || !clock.instant().isBefore(renewed.plus(settings.renewDeadline())))) {
            // At once: the sharder may give our objects away once the lease duration is over.
            notMember.turnTo(true);
            logger.warn("The membership Lease {} was not renewed within {} seconds; working "
                    + "stops until it is renewed.", labels.memberLease(member),
                    settings.renewDeadline().toMillis() / 1000.0);
        }
    }

    private void renew() {
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        Lease current = leases.get(labels.memberLease(member)).orElse(null);
        if (current == null) {
            LeaseSpec spec = new LeaseSpec();
            spec.setAcquireTime(now);
            leases.create(new LeaseBuilder().withMetadata(new ObjectMetaBuilder()
                    .withName(labels.memberLease(member))
                    .addToLabels(ShardLabels.RING_LABEL, labels.ring())
                    .addToAnnotations(MEMBER_ANNOTATION, member).build())
                    .withSpec(fill(spec, now)).build());
            return;
        }
        LeaseSpec spec = current.getSpec() == null ? new LeaseSpec() : current.getSpec();
        current.setSpec(fill(spec, now));
        leases.replace(current);
    }

    private LeaseSpec fill(LeaseSpec spec, ZonedDateTime now) {
        spec.setHolderIdentity(identity);
        spec.setLeaseDurationSeconds((int) Math.max(1, settings.leaseDuration().toSeconds()));
        spec.setRenewTime(now);
        return spec;
    }

    /** Leaves the ring: the renewals stop and the Lease is deleted. */
    @Override
    public void close() {
        closed = true;
        firstRound.complete(null);
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            leases.delete(labels.memberLease(member));
            logger.info("Left the sharding ring '{}': the Lease {} is deleted.", labels.ring(),
                    labels.memberLease(member));
        } catch (RuntimeException e) {
            logger.warn("Cannot delete the membership Lease {}: {}", labels.memberLease(member),
                    e.toString());
        }
    }
}
