package dev.kopf.internal.reactor;

/**
 * A snapshot of the operator's coordination with its replicas, for status reports and
 * metrics: whether it is paused (by peering or by not leading), and whether it leads.
 *
 * @param paused whether no new handler starts now
 * @param leader whether this replica holds the leader lease, or {@code null} when leader
 *     election is off
 */
public record CoordinationStatus(boolean paused, Boolean leader) {
}
