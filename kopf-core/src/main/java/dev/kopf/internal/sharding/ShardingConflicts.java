package dev.kopf.internal.sharding;

import dev.kopf.OperatorSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings that cannot work with sharding, refused before the operator starts: sharding
 * needs every replica working on its share, so nothing may pause all replicas but one.
 */
public final class ShardingConflicts {

    private ShardingConflicts() {
    }

    /**
     * Refuses the settings if sharding is on with what cannot work with it.
     *
     * @param settings the settings
     * @throws IllegalArgumentException naming every conflict, in one line
     */
    public static void check(OperatorSettings settings) {
        if (!settings.sharding().enabled()) {
            return;
        }
        List<String> conflicts = new ArrayList<>();
        if (settings.peering().priority() != 0) {
            conflicts.add("peering priority " + settings.peering().priority() + " (--priority,"
                    + " --dev) pauses the replicas of lower priority");
        }
        if (settings.peering().mandatory()) {
            conflicts.add("mandatory peering '" + settings.peering().name() + "' (--peering)"
                    + " pauses all replicas of the same priority but none");
        }
        if (settings.leaderElection().enabled()) {
            conflicts.add("leader election (--leader-election) lets one replica work");
        }
        if (!conflicts.isEmpty()) {
            throw new IllegalArgumentException("Sharding cannot be combined with "
                    + String.join("; with ", conflicts) + ". Sharding needs every replica "
                    + "working; drop those options.");
        }
    }
}
