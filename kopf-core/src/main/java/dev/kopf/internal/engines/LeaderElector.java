package dev.kopf.internal.engines;

import dev.kopf.LeaderElection;
import dev.kopf.internal.clients.ApiException;
import dev.kopf.internal.clients.LeaseClient;
import dev.kopf.internal.concurrent.Threads;
import dev.kopf.internal.concurrent.ToggleSet;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election on a Lease with client-go's {@code leaderelection} semantics: every retry
 * period, try to acquire or renew the lease with a resourceVersion-conditioned write; a
 * standby takes an expired lease over (expiry judged by its own clock, from when it last saw
 * the record change, never by the holder's timestamps); the leader that cannot renew for the
 * renew deadline stops leading; a graceful exit releases the lease.
 *
 * <p>Owns one toggle of the operator's pause: on while not leading. Runs on its own
 * scheduler thread; {@link #isLeading()} may be read from any thread.
 */
public final class LeaderElector implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger("kopf.engines.leadership");

    private final LeaseClient leases;
    private final LeaderElection settings;
    private final String identity;
    private final ToggleSet.Toggle notLeading;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Threads.scheduler("kopf-leadership");
    /** Notices a missed renew deadline even while a request hangs (API unreachable). */
    private final ScheduledExecutorService watchdog =
            Threads.scheduler("kopf-leadership-watchdog");
    /** The last record seen and when (by our clock) it last changed, as client-go's. */
    private LeaseSpec observed;
    private Instant observedAt;
    /** When the leader last renewed successfully; the renew deadline counts from here. */
    private volatile Instant renewedAt;
    private volatile boolean leading;
    private volatile boolean closed;
    private volatile java.util.concurrent.ScheduledFuture<?> next;

    /**
     * Creates an elector; nothing happens until {@link #start()}.
     *
     * @param leases the lease's client
     * @param settings the timings
     * @param identity this replica's identity ({@code holderIdentity})
     * @param notLeading the pause's toggle, on while not leading
     * @param clock the clock
     */
    public LeaderElector(LeaseClient leases, LeaderElection settings, String identity,
            ToggleSet.Toggle notLeading, Clock clock) {
        this.leases = leases;
        this.settings = settings;
        this.identity = identity;
        this.notLeading = notLeading;
        this.clock = clock;
    }

    /** Starts the rounds: the first one at once. */
    public void start() {
        logger.info("Attempting to acquire the leader lease {} as {}.", leases.where(),
                identity);
        scheduler.execute(this::round);
        long period = Math.max(1, settings.retryPeriod().toMillis() / 4);
        watchdog.scheduleAtFixedRate(this::checkDeadline, period, period, TimeUnit.MILLISECONDS);
    }

    private void checkDeadline() {
        if (leading && !isLeading()) {
            stopLeading("the lease " + leases.where() + " was not renewed within "
                    + settings.renewDeadline().toMillis() / 1000.0 + " seconds");
        }
    }

    /**
     * Tells whether this replica leads now: it renewed within the renew deadline.
     *
     * @return {@code true} while leading
     */
    public boolean isLeading() {
        Instant renewed = renewedAt;
        return leading && renewed != null
                && clock.instant().isBefore(renewed.plus(settings.renewDeadline()));
    }

    private void round() {
        if (closed) {
            return;
        }
        boolean acquired;
        try {
            acquired = tryAcquireOrRenew();
        } catch (ApiException e) {
            logger.debug("Cannot acquire or renew the lease {}: {}", leases.where(),
                    e.getMessage());
            acquired = false;
        } catch (RuntimeException e) {
            logger.warn("Cannot acquire or renew the lease {}: {}", leases.where(), e.toString());
            acquired = false;
        }
        Instant now = clock.instant();
        if (acquired) {
            becomeLeader(now);
        } else if (leading && (renewedAt == null
                || !now.isBefore(renewedAt.plus(settings.renewDeadline()))
                || isHeldByAnother())) {
            stopLeading(isHeldByAnother() ? "the lease " + leases.where() + " is held by "
                    + observed.getHolderIdentity() : "the lease " + leases.where()
                    + " was not renewed within " + settings.renewDeadline().toMillis() / 1000.0
                    + " seconds");
        }
        if (!closed) {
            next = scheduler.schedule(this::round, settings.retryPeriod().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void becomeLeader(Instant now) {
        renewedAt = now;
        if (!leading) {
            leading = true;
            logger.info("Became the leader: acquired the lease {}.", leases.where());
            notLeading.turnTo(false);
        }
    }

    private synchronized void stopLeading(String why) {
        if (!leading) {
            return;
        }
        leading = false;
        // At once: no new handler may start once the lease is known lost.
        notLeading.turnTo(true);
        logger.warn("Stopped leading: {}. Working stops until the lease is acquired again.",
                why);
    }

    private boolean isHeldByAnother() {
        return observed != null && observed.getHolderIdentity() != null
                && !observed.getHolderIdentity().isEmpty()
                && !observed.getHolderIdentity().equals(identity);
    }

    // client-go's tryAcquireOrRenew.
    private boolean tryAcquireOrRenew() {
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        Lease current = leases.get().orElse(null);
        if (current == null) {
            Lease created = leases.create(new LeaseBuilder()
                    .withMetadata(new ObjectMetaBuilder().withName(name()).build())
                    .withSpec(spec(now, now, 0)).build());
            observe(created.getSpec());
            return true;
        }
        LeaseSpec record = current.getSpec() == null ? new LeaseSpec() : current.getSpec();
        observe(record);
        String holder = record.getHolderIdentity();
        boolean mine = identity.equals(holder);
        boolean free = holder == null || holder.isEmpty();
        if (!mine && !free && clock.instant().isBefore(observedAt.plus(duration(record)))) {
            return false;
        }
        int transitions = record.getLeaseTransitions() == null ? 0
                : record.getLeaseTransitions();
        ZonedDateTime acquired = mine && record.getAcquireTime() != null
                ? record.getAcquireTime() : now;
        current.setSpec(spec(acquired, now, mine ? transitions : transitions + 1));
        Lease written = leases.replace(current);
        observe(written.getSpec());
        return true;
    }

    private Duration duration(LeaseSpec record) {
        return record.getLeaseDurationSeconds() != null
                ? Duration.ofSeconds(record.getLeaseDurationSeconds()) : settings.leaseDuration();
    }

    private void observe(LeaseSpec record) {
        if (observed == null || !Objects.equals(observed, record)) {
            observed = record;
            observedAt = clock.instant();
        }
    }

    private LeaseSpec spec(ZonedDateTime acquired, ZonedDateTime renewed, int transitions) {
        LeaseSpec spec = new LeaseSpec();
        spec.setHolderIdentity(identity);
        spec.setLeaseDurationSeconds((int) Math.max(1, settings.leaseDuration().toSeconds()));
        spec.setAcquireTime(acquired);
        spec.setRenewTime(renewed);
        spec.setLeaseTransitions(transitions);
        return spec;
    }

    private String name() {
        String where = leases.where();
        return where.substring(where.indexOf('/') + 1);
    }

    /**
     * Stops the rounds and, if leading, releases the lease as client-go's
     * {@code ReleaseOnCancel}: an empty holder, so that a standby takes it at its next try.
     */
    @Override
    public void close() {
        closed = true;
        watchdog.shutdownNow();
        if (next != null) {
            next.cancel(false);
        }
        scheduler.execute(this::release);
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void release() {
        if (!isLeading()) {
            return;
        }
        synchronized (this) {
            leading = false;
        }
        try {
            Lease current = leases.get().orElse(null);
            if (current == null || current.getSpec() == null
                    || !identity.equals(current.getSpec().getHolderIdentity())) {
                return;
            }
            LeaseSpec spec = current.getSpec();
            spec.setHolderIdentity("");
            spec.setLeaseDurationSeconds(1);
            spec.setRenewTime(ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            leases.replace(current);
            logger.info("Released the leader lease {}.", leases.where());
        } catch (RuntimeException e) {
            logger.warn("Cannot release the leader lease {}: {}", leases.where(), e.toString());
        }
    }
}
