package dev.kopf.internal.sharding;

import dev.kopf.ShardingSettings;
import dev.kopf.internal.clients.RingLeases;
import dev.kopf.internal.concurrent.Threads;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every replica's own view of the ring, for the assignment webhook (a Service may route an
 * admission request to any replica, not only to the sharder): the ring's Leases listed every
 * retry period and judged by {@link LiveMembers}, as the sharder judges them. The view may
 * lag the sharder's by a round; the sharder's rebalance corrects what it assigned wrongly.
 */
final class RingView implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger("kopf.sharding.view");
    private static final HashRing EMPTY = new HashRing(List.of(), 1);

    private final LiveMembers members;
    private final String member;
    private final ShardingSettings settings;
    private final ScheduledExecutorService thread = Threads.scheduler("kopf-ring-view");
    private volatile HashRing ring = EMPTY;
    private volatile boolean closed;

    RingView(RingLeases leases, ShardLabels labels, String member, ShardingSettings settings,
            Clock clock) {
        this.members = new LiveMembers(leases, labels, settings.leaseDuration(), clock);
        this.member = member;
        this.settings = settings;
    }

    /** Lists the members now, then every retry period. */
    void start() {
        thread.execute(this::round);
    }

    /**
     * Returns the ring as last seen.
     *
     * @return the live members' ring; empty before the first listing
     */
    HashRing ring() {
        return ring;
    }

    private void round() {
        if (closed) {
            return;
        }
        try {
            HashRing next = new HashRing(members.refresh(LiveMembers.Cleanup.NONE),
                    settings.virtualNodes());
            if (!next.members().equals(ring.members())) {
                logger.debug("The assignment webhook's view of the ring on {}: {}.", member,
                        next.members());
                ring = next;
            }
        } catch (RuntimeException e) {
            // The last view stays; a wrong guess is corrected by the sharder.
            logger.debug("Cannot list the ring's Leases for the assignment webhook: {}",
                    e.toString());
        }
        if (!closed) {
            thread.schedule(this::round, settings.retryPeriod().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.shutdownNow();
    }
}
