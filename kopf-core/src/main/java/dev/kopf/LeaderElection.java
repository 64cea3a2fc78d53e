package dev.kopf;

import java.time.Duration;
import java.util.Objects;

/**
 * Leader election on a {@code coordination.k8s.io/v1} Lease, with client-go's semantics
 * (what Kopf lacks; see {@code docs/peering.md}): of the replicas that share the lease, one
 * leads and handles objects; the others are hot standbys whose watch streams run but which
 * start no handler, daemon or timer until they acquire the lease.
 *
 * <p>Set with {@code kopf run --leader-election [--lease-name N] [--lease-namespace NS]}, or
 * through {@link OperatorSettings.Builder#leaderElection}.
 *
 * @param enabled whether to elect a leader at all (off by default)
 * @param leaseName the Lease's name
 * @param leaseNamespace the Lease's namespace, or {@code null} for {@code $POD_NAMESPACE},
 *     else {@code default}
 * @param leaseDuration how long a standby waits after the last observed renewal before it
 *     takes the lease over (client-go's 15 s)
 * @param renewDeadline how long the leader keeps trying to renew before it gives up
 *     leading (client-go's 10 s); less than {@code leaseDuration}
 * @param retryPeriod how often every replica tries to acquire or renew (client-go's 2 s)
 * @since 0.1
 */
public record LeaderElection(boolean enabled, String leaseName, String leaseNamespace,
        Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {

    /**
     * Validates the timings as client-go does.
     *
     * @throws IllegalArgumentException when the lease duration is not above the renew
     *     deadline, or the renew deadline not above 1.2 retry periods
     */
    public LeaderElection {
        Objects.requireNonNull(leaseName, "leaseName");
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        Objects.requireNonNull(renewDeadline, "renewDeadline");
        Objects.requireNonNull(retryPeriod, "retryPeriod");
        if (leaseDuration.compareTo(renewDeadline) <= 0) {
            throw new IllegalArgumentException("leaseDuration must be greater than "
                    + "renewDeadline: " + leaseDuration + " <= " + renewDeadline + ".");
        }
        if (renewDeadline.toNanos() <= retryPeriod.toNanos() * 1.2) {
            throw new IllegalArgumentException("renewDeadline must be greater than 1.2 × "
                    + "retryPeriod: " + renewDeadline + " <= 1.2 × " + retryPeriod + ".");
        }
    }

    /**
     * Returns the defaults: off, lease {@code kopf-leader}, client-go's timings.
     *
     * @return the defaults
     */
    public static LeaderElection defaults() {
        return new LeaderElection(false, "kopf-leader", null, Duration.ofSeconds(15),
                Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

    /**
     * Returns a copy that elects a leader on this lease.
     *
     * @param name the Lease's name
     * @param namespace its namespace, or {@code null} for the default
     * @return a new group, enabled
     */
    public LeaderElection withLease(String name, String namespace) {
        return new LeaderElection(true, name, namespace, leaseDuration, renewDeadline,
                retryPeriod);
    }

    /**
     * Returns a copy with other timings.
     *
     * @param duration the lease duration
     * @param deadline the renew deadline
     * @param retry the retry period
     * @return a new group
     */
    public LeaderElection withTimings(Duration duration, Duration deadline, Duration retry) {
        return new LeaderElection(enabled, leaseName, leaseNamespace, duration, deadline, retry);
    }
}
