package dev.kopf.internal.sharding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Resource;
import dev.kopf.internal.sharding.RebalancePlan.Action;
import dev.kopf.internal.sharding.RebalancePlan.Move;
import dev.kopf.internal.sharding.RebalancePlan.Seen;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sharder's rules: direct assignment when nobody works on an object, else a drain. */
class RebalancePlanTest {

    private static final Resource RESOURCE = new Resource("kopf.dev", "v1", "kopfexamples",
            "KopfExample", true, List.of(), List.of());
    private final HashRing ring = new HashRing(List.of("a", "b", "c"), 64);

    private Seen seen(String name, String owner, String drain) {
        return new Seen(new ObjectId(RESOURCE, "ns", name, "uid-" + name), "ns/" + name, owner,
                drain, "7", true);
    }

    /** A name whose hash owner is {@code member}. */
    private String nameOwnedBy(String member) {
        for (int i = 0; ; i++) {
            if (ring.ownerOf("ns/object-" + i).equals(member)) {
                return "object-" + i;
            }
        }
    }

    @Test
    void unassignedObjectsAreAssignedToTheirHashOwner() {
        String name = nameOwnedBy("b");
        assertThat(RebalancePlan.plan(List.of(seen(name, null, null)), ring))
                .singleElement().satisfies(move -> {
                    assertThat(move.action()).isEqualTo(Action.ASSIGN);
                    assertThat(move.target()).isEqualTo("b");
                });
    }

    @Test
    void objectsOfAGoneMemberAreAssignedWithoutADrain() {
        String name = nameOwnedBy("c");
        List<Move> moves = RebalancePlan.plan(List.of(seen(name, "dead", "b")), ring);
        assertThat(moves).singleElement().satisfies(move -> {
            assertThat(move.action()).isEqualTo(Action.ASSIGN);
            assertThat(move.target()).isEqualTo("c");
        });
    }

    @Test
    void objectsOfALiveMemberAreDrainedNotTaken() {
        String name = nameOwnedBy("a");
        assertThat(RebalancePlan.plan(List.of(seen(name, "b", null)), ring))
                .singleElement().satisfies(move -> {
                    assertThat(move.action()).isEqualTo(Action.DRAIN);
                    assertThat(move.target()).isEqualTo("a");
                });
        // Already asked: nothing more until the owner lets go.
        assertThat(RebalancePlan.plan(List.of(seen(name, "b", "a")), ring)).isEmpty();
    }

    @Test
    void aDrainNoLongerWantedIsWithdrawn() {
        String name = nameOwnedBy("a");
        assertThat(RebalancePlan.plan(List.of(seen(name, "a", "b")), ring))
                .singleElement().extracting(Move::action).isEqualTo(Action.UNDRAIN);
    }

    @Test
    void objectsInPlaceAreLeftAlone() {
        List<Seen> all = new ArrayList<>();
        for (String member : List.of("a", "b", "c")) {
            all.add(seen(nameOwnedBy(member), member, null));
        }
        assertThat(RebalancePlan.plan(all, ring)).isEmpty();
    }

    @Test
    void anEmptyRingPlansNothing() {
        assertThat(RebalancePlan.plan(List.of(seen("x", null, null)),
                new HashRing(List.of(), 8))).isEmpty();
    }

    @Test
    void aJoiningMemberMovesAboutAQuarterByDrains() {
        List<Seen> all = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            String name = "object-" + i;
            all.add(seen(name, ring.ownerOf("ns/" + name), null));
        }
        List<Move> moves = RebalancePlan.plan(all, new HashRing(List.of("a", "b", "c", "d"), 64));
        assertThat(moves).allSatisfy(move -> {
            assertThat(move.action()).isEqualTo(Action.DRAIN);
            assertThat(move.target()).isEqualTo("d");
        });
        assertThat(moves.size()).isBetween(2000 / 4 * 6 / 10, 2000 / 4 * 14 / 10);
    }
}
