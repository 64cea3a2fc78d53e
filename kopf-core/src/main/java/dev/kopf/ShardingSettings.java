package dev.kopf;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Horizontal scale: the served objects are divided among the replicas of a ring by
 * consistent hashing, each replica watching and handling only its own (see
 * {@code docs/sharding.md}).
 *
 * <p>Each replica holds a membership Lease; one of them, elected on another Lease, is the
 * sharder that labels every object with its owner, {@code sharding.kopf.dev/<ring>=<member>},
 * and moves objects with a drain handover when members join or leave. Set with
 * {@code kopf run --shards auto [--ring NAME]}, or through
 * {@link OperatorSettings.Builder#sharding}.
 *
 * @param enabled whether to shard at all (off by default)
 * @param ring the ring's name: a DNS label of at most 40 characters; replicas of one ring
 *     share the objects, and it names the labels and Leases
 * @param leaseNamespace the Leases' namespace, or {@code null} for {@code $POD_NAMESPACE},
 *     else {@code default}
 * @param leaseDuration how long a member stays in the ring after its last observed renewal
 * @param renewDeadline how long a member keeps trying to renew before it stops working;
 *     less than {@code leaseDuration}
 * @param retryPeriod how often members renew and the sharder looks at the members
 * @param hashingKey what an object's place on the ring is computed from
 * @param virtualNodes how many points each member has on the ring (at least 1)
 * @since 0.1
 */
public record ShardingSettings(boolean enabled, String ring, String leaseNamespace,
        Duration leaseDuration, Duration renewDeadline, Duration retryPeriod,
        HashingKey hashingKey, int virtualNodes) {

    private static final Pattern RING = Pattern.compile("[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?");

    /**
     * What an object's place on the ring is computed from.
     *
     * @since 0.1
     */
    public enum HashingKey {
        /** The object's namespace and name. */
        NAME,
        /**
         * The uid of the object's controller owner (the owner reference with
         * {@code controller: true}), else the object's own uid: parents and their children
         * land on the same replica.
         */
        OWNER
    }

    /**
     * Validates the ring's name and the timings.
     *
     * @throws IllegalArgumentException when the ring is not a DNS label of at most 40
     *     characters, the timings are not as leader election's, or virtual nodes below 1
     */
    public ShardingSettings {
        Objects.requireNonNull(ring, "ring");
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        Objects.requireNonNull(renewDeadline, "renewDeadline");
        Objects.requireNonNull(retryPeriod, "retryPeriod");
        Objects.requireNonNull(hashingKey, "hashingKey");
        if (!RING.matcher(ring).matches()) {
            throw new IllegalArgumentException("The sharding ring's name must be a DNS label "
                    + "of at most 40 characters (a-z, 0-9, -): '" + ring + "'.");
        }
        if (leaseDuration.compareTo(renewDeadline) <= 0) {
            throw new IllegalArgumentException("Sharding's leaseDuration must be greater than "
                    + "renewDeadline: " + leaseDuration + " <= " + renewDeadline + ".");
        }
        if (renewDeadline.toNanos() <= retryPeriod.toNanos() * 1.2) {
            throw new IllegalArgumentException("Sharding's renewDeadline must be greater than "
                    + "1.2 × retryPeriod: " + renewDeadline + " <= 1.2 × " + retryPeriod + ".");
        }
        if (virtualNodes < 1) {
            throw new IllegalArgumentException("Sharding's virtualNodes must be >= 1: "
                    + virtualNodes + ".");
        }
    }

    /**
     * Returns the defaults: off, ring {@code kopf}, client-go's lease timings, hashing by
     * name, 128 virtual nodes per member.
     *
     * @return the defaults
     */
    public static ShardingSettings defaults() {
        return new ShardingSettings(false, "kopf", null, Duration.ofSeconds(15),
                Duration.ofSeconds(10), Duration.ofSeconds(2), HashingKey.NAME, 128);
    }

    /**
     * Returns a copy that shards on this ring (as {@code --shards auto --ring NAME}).
     *
     * @param name the ring's name
     * @return a new group, enabled
     */
    public ShardingSettings withRing(String name) {
        return new ShardingSettings(true, name, leaseNamespace, leaseDuration, renewDeadline,
                retryPeriod, hashingKey, virtualNodes);
    }

    /**
     * Returns a copy with the Leases in another namespace.
     *
     * @param namespace the namespace, or {@code null} for the default
     * @return a new group
     */
    public ShardingSettings withLeaseNamespace(String namespace) {
        return new ShardingSettings(enabled, ring, namespace, leaseDuration, renewDeadline,
                retryPeriod, hashingKey, virtualNodes);
    }

    /**
     * Returns a copy with other timings of the membership and sharder Leases.
     *
     * @param duration the lease duration
     * @param deadline the renew deadline
     * @param retry the retry period
     * @return a new group
     */
    public ShardingSettings withTimings(Duration duration, Duration deadline, Duration retry) {
        return new ShardingSettings(enabled, ring, leaseNamespace, duration, deadline, retry,
                hashingKey, virtualNodes);
    }

    /**
     * Returns a copy hashing by another key.
     *
     * @param key the key
     * @return a new group
     */
    public ShardingSettings withHashingKey(HashingKey key) {
        return new ShardingSettings(enabled, ring, leaseNamespace, leaseDuration,
                renewDeadline, retryPeriod, key, virtualNodes);
    }

    /**
     * Returns a copy with another number of virtual nodes per member.
     *
     * @param count the number, at least 1
     * @return a new group
     */
    public ShardingSettings withVirtualNodes(int count) {
        return new ShardingSettings(enabled, ring, leaseNamespace, leaseDuration,
                renewDeadline, retryPeriod, hashingKey, count);
    }
}
