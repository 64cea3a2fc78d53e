package dev.kopf.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardMovesTest {

    @Test
    void anObjectMovedIsOneWhoseOwnerDiffers() {
        Map<String, String> before = Map.of("a", "shard-1", "b", "shard-1", "c", "shard-2");
        Map<String, String> after = new HashMap<>(Map.of("a", "shard-1", "b", "shard-3"));
        after.put("c", null); // Released, not yet assigned: moved too.
        after.put("d", "shard-2"); // New and assigned.
        assertThat(ShardMoves.moved(before, after)).isEqualTo(3);
        assertThat(ShardMoves.moved(before, before)).isZero();
    }

    @Test
    void aJoinMovesOnlyObjectsToTheJoinerAboutOneInN() {
        List<String> names = Workload.names("bench-shard", 3000);
        Map<String, String> two = ShardMoves.expected(names, "default",
                List.of("shard-1", "shard-2"));
        Map<String, String> three = ShardMoves.expected(names, "default",
                List.of("shard-2", "shard-3", "shard-1"));
        int moved = ShardMoves.moved(two, three);
        for (String name : names) {
            if (!two.get(name).equals(three.get(name))) {
                assertThat(three.get(name)).isEqualTo("shard-3");
            }
        }
        assertThat(ShardMoves.perMember(three).get("shard-3")).isEqualTo(moved);
        // Consistent hashing with 128 points per member: close to 1/3, not exactly.
        assertThat(moved / 3000.0).isBetween(0.2, 0.45);
    }

    @Test
    void theRingIsTheOperatorsSoTheSameMembersGiveTheSameOwners() {
        List<String> names = Workload.names("bench-shard", 50);
        assertThat(ShardMoves.expected(names, "default", List.of("shard-1", "shard-2")))
                .isEqualTo(ShardMoves.expected(names, "default", List.of("shard-2", "shard-1")));
        assertThat(ShardMoves.expected(names, "default", List.of("shard-1")).values())
                .containsOnly("shard-1");
        assertThat(ShardMoves.VIRTUAL_NODES).isEqualTo(128);
    }

    @Test
    void aDrainingOrMisassignedObjectIsAMismatch() {
        Map<String, String> expected = Map.of("a", "shard-1", "b", "shard-2", "c", "shard-2");
        Map<String, String> owners = Map.of("a", "shard-1", "b", "shard-2", "c", "shard-1");
        Map<String, String> drains = new HashMap<>();
        assertThat(ShardMoves.mismatches(owners, drains, expected)).isEqualTo(1);
        drains.put("b", "shard-1");
        assertThat(ShardMoves.mismatches(owners, drains, expected)).isEqualTo(2);
        assertThat(ShardMoves.mismatches(expected, Map.of(), expected)).isZero();
    }
}
