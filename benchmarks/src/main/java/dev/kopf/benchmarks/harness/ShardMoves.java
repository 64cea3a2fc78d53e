package dev.kopf.benchmarks.harness;

import dev.kopf.ShardingSettings;
import dev.kopf.internal.sharding.HashRing;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The sharding scenario's arithmetic: which member the ring assigns each object to (the same
 * consistent hashing as the operator's sharder, by namespace and name, with the default
 * virtual nodes), how many objects changed owner between two snapshots, and how many each
 * member owns.
 */
final class ShardMoves {

    /** The points per member on the ring, as the operator uses by default. */
    static final int VIRTUAL_NODES = ShardingSettings.defaults().virtualNodes();

    private ShardMoves() {
    }

    /** The owner the ring of these members gives each named object of the namespace. */
    static Map<String, String> expected(Collection<String> names, String namespace,
            Collection<String> members) {
        HashRing ring = new HashRing(members, VIRTUAL_NODES);
        Map<String, String> owners = new LinkedHashMap<>();
        for (String name : names) {
            // HashingKey.NAME: the object's namespace/name.
            owners.put(name, ring.ownerOf(namespace + "/" + name));
        }
        return owners;
    }

    /**
     * The objects whose owner differs between two snapshots (name to owner, {@code null} or
     * absent when unassigned): an object that went unassigned, or was assigned, counts too.
     */
    static int moved(Map<String, String> before, Map<String, String> after) {
        int moved = 0;
        for (Map.Entry<String, String> entry : before.entrySet()) {
            if (!Objects.equals(entry.getValue(), after.get(entry.getKey()))) {
                moved++;
            }
        }
        for (Map.Entry<String, String> entry : after.entrySet()) {
            if (!before.containsKey(entry.getKey()) && entry.getValue() != null) {
                moved++;
            }
        }
        return moved;
    }

    /** How many objects each member owns, by member name (unassigned ones left out). */
    static Map<String, Integer> perMember(Map<String, String> owners) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String owner : owners.values()) {
            if (owner != null) {
                counts.merge(owner, 1, Integer::sum);
            }
        }
        return counts;
    }

    /** The objects whose owner is not the expected one, or that are still draining. */
    static int mismatches(Map<String, String> owners, Map<String, String> drains,
            Map<String, String> expected) {
        int wrong = 0;
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            if (!Objects.equals(owners.get(entry.getKey()), entry.getValue())
                    || drains.get(entry.getKey()) != null) {
                wrong++;
            }
        }
        return wrong;
    }
}
