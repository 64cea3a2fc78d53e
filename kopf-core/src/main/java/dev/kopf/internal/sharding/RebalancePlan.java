package dev.kopf.internal.sharding;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What the sharder does to the objects for the ring's members now, as a pure function of
 * what it has seen, so that the rules can be tested alone:
 *
 * <ul>
 * <li>an unassigned object, or one whose owner is no longer a member (its Lease expired or
 *     was deleted at a graceful exit), is assigned to its hash owner at once;
 * <li>an object whose live owner is not its hash owner is drained: the owner is asked to
 *     give it up, and it is assigned only once the owner has removed its label;
 * <li>a drain that is no longer wanted (the ring changed back) is withdrawn.
 * </ul>
 */
final class RebalancePlan {

    private RebalancePlan() {
    }

    /**
     * One object as the sharder last saw it.
     *
     * @param id where it is, for patching and logs
     * @param hashKey its hashing key
     * @param owner the member in its assignment label, or {@code null}
     * @param drain the member in its drain label, or {@code null}
     * @param resourceVersion the version seen, to condition an assignment on
     * @param labelled whether it has labels at all (else the label map is added)
     */
    record Seen(ObjectId id, String hashKey, String owner, String drain,
            String resourceVersion, boolean labelled) {
    }

    /** What to do to one object. */
    enum Action {
        /** Set the assignment label to the target and remove any drain label. */
        ASSIGN,
        /** Set the drain label to the target; the owner keeps the object until it lets go. */
        DRAIN,
        /** Remove the drain label: the owner keeps the object. */
        UNDRAIN
    }

    /**
     * One step.
     *
     * @param action what to do
     * @param object the object
     * @param target the member to assign or drain to; {@code null} for undraining
     */
    record Move(Action action, Seen object, String target) {
    }

    /**
     * Plans the moves.
     *
     * @param objects the objects seen
     * @param ring the live members' ring
     * @return the moves, none when the ring is empty or every object is in place
     */
    static List<Move> plan(Collection<Seen> objects, HashRing ring) {
        List<Move> moves = new ArrayList<>();
        if (ring.members().isEmpty()) {
            return moves;
        }
        Set<String> members = Set.copyOf(ring.members());
        for (Seen object : objects) {
            Move move = planOne(object, ring.ownerOf(object.hashKey()), members);
            if (move != null) {
                moves.add(move);
            }
        }
        return moves;
    }

    private static Move planOne(Seen object, String wanted, Set<String> members) {
        String owner = object.owner();
        if (owner == null || !members.contains(owner)) {
            // Nobody works on it: no handover is needed.
            return new Move(Action.ASSIGN, object, wanted);
        }
        if (owner.equals(wanted)) {
            return object.drain() != null ? new Move(Action.UNDRAIN, object, null) : null;
        }
        return wanted.equals(object.drain()) ? null : new Move(Action.DRAIN, object, wanted);
    }
}
