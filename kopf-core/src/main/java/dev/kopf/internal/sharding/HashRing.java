package dev.kopf.internal.sharding;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A consistent-hash ring of the members: each member has as many points as virtual nodes,
 * at the SHA-1 of {@code member#i}; a key belongs to the first point at or after its own
 * hash. When a member joins or leaves, only the keys of the arcs it takes or gives move,
 * about {@code 1/N} of them. Immutable.
 */
public final class HashRing {

    private final NavigableMap<Long, String> points = new TreeMap<>();
    private final List<String> members;

    /**
     * Builds the ring.
     *
     * @param members the live members, in any order
     * @param virtualNodes the points per member
     */
    public HashRing(Collection<String> members, int virtualNodes) {
        this.members = List.copyOf(new TreeSet<>(members));
        for (String member : this.members) {
            for (int i = 0; i < virtualNodes; i++) {
                // On a (rare) collision the smaller name keeps the point: the same on every
                // replica, whatever the order the members were seen in.
                points.putIfAbsent(hash(member + "#" + i), member);
            }
        }
    }

    /**
     * Returns the owner of a key.
     *
     * @param key the object's hashing key
     * @return the member, or {@code null} when the ring is empty
     */
    public String ownerOf(String key) {
        if (points.isEmpty()) {
            return null;
        }
        Map.Entry<Long, String> point = points.ceilingEntry(hash(key));
        return point != null ? point.getValue() : points.firstEntry().getValue();
    }

    /**
     * Returns the members, sorted.
     *
     * @return the members
     */
    public List<String> members() {
        return members;
    }

    /**
     * A stable 64-bit hash: the first 8 bytes of the SHA-1 of the UTF-8 text, so that every
     * replica and every version computes the same places.
     *
     * @param text the text
     * @return the hash
     */
    static long hash(String text) {
        byte[] digest = ShardLabels.sha1(text);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (digest[i] & 0xFF);
        }
        return value;
    }
}
