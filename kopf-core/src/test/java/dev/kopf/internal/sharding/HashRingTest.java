package dev.kopf.internal.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Consistent hashing: an even share per member, and only about 1/N keys move on a change. */
class HashRingTest {

    private static final int KEYS = 20_000;

    private static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            keys.add("ns-" + (i % 7) + "/object-" + i);
        }
        return keys;
    }

    private static Map<String, String> owners(HashRing ring) {
        Map<String, String> owners = new HashMap<>();
        keys().forEach(key -> owners.put(key, ring.ownerOf(key)));
        return owners;
    }

    @Test
    void eachMemberGetsItsShareWithinATolerance() {
        List<String> members = List.of("replica-a", "replica-b", "replica-c", "replica-d");
        Map<String, Integer> counts = new HashMap<>();
        owners(new HashRing(members, 128)).values().forEach(m -> counts.merge(m, 1, Integer::sum));
        assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(members);
        // 128 virtual nodes: each share within ±25% of the fair 1/4.
        counts.values().forEach(count -> assertThat(count).isBetween(KEYS / 4 * 3 / 4,
                KEYS / 4 * 5 / 4));
    }

    @Test
    void aJoiningMemberTakesAboutItsShareAndNothingElseMoves() {
        Map<String, String> before = owners(new HashRing(List.of("a", "b", "c"), 128));
        Map<String, String> after = owners(new HashRing(List.of("a", "b", "c", "d"), 128));
        long moved = 0;
        for (String key : before.keySet()) {
            if (!before.get(key).equals(after.get(key))) {
                moved++;
                // Only to the newcomer: no key moves between the old members.
                assertThat(after.get(key)).isEqualTo("d");
            }
        }
        assertThat((double) moved / KEYS).isBetween(0.25 * 0.75, 0.25 * 1.25);
    }

    @Test
    void aLeavingMemberGivesOnlyItsOwnKeysAway() {
        Map<String, String> before = owners(new HashRing(List.of("a", "b", "c", "d"), 128));
        Map<String, String> after = owners(new HashRing(List.of("a", "b", "d"), 128));
        for (String key : before.keySet()) {
            if (!before.get(key).equals("c")) {
                assertThat(after.get(key)).as(key).isEqualTo(before.get(key));
            } else {
                assertThat(after.get(key)).isNotEqualTo("c");
            }
        }
    }

    @Test
    void theOrderOfMembersDoesNotMatter() {
        assertThat(owners(new HashRing(List.of("c", "a", "b"), 16)))
                .isEqualTo(owners(new HashRing(List.of("a", "b", "c"), 16)));
    }

    @Test
    void anEmptyRingOwnsNothing() {
        assertThat(new HashRing(List.of(), 16).ownerOf("ns/name")).isNull();
    }
}
