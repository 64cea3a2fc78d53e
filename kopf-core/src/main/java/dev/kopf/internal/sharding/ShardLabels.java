package dev.kopf.internal.sharding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The names sharding writes: the assignment and drain labels on the objects, the ring label
 * and names of the Leases, and a member's name derived from the operator's identity (which
 * may hold {@code @} and {@code /}, invalid in label values and object names).
 *
 * @param ring the ring's name, already validated as a short DNS label
 */
public record ShardLabels(String ring) {

    /** The label on membership Leases whose value is the ring. */
    public static final String RING_LABEL = "sharding.kopf.dev/ring";
    private static final String PREFIX = "sharding.kopf.dev/";
    private static final Pattern VALID_MEMBER = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,50}"
            + "[a-z0-9])?");

    /**
     * The label holding an object's owner.
     *
     * @return {@code sharding.kopf.dev/<ring>}
     */
    public String assignment() {
        return PREFIX + ring;
    }

    /**
     * The label the sharder sets to ask the owner to give an object up.
     *
     * @return {@code sharding.kopf.dev/<ring>-drain}; its value is the next owner
     */
    public String drain() {
        return PREFIX + ring + "-drain";
    }

    /**
     * The name of a member's Lease.
     *
     * @param member the member
     * @return {@code <ring>-<member>}
     */
    public String memberLease(String member) {
        return ring + "-" + member;
    }

    /**
     * The name of the Lease the sharder is elected on.
     *
     * @return {@code <ring>-sharder}
     */
    public String sharderLease() {
        return ring + "-sharder";
    }

    /**
     * The server-side selector of the objects owned by a member.
     *
     * @param member the member
     * @return {@code sharding.kopf.dev/<ring>=<member>}
     */
    public String selectorOf(String member) {
        return assignment() + "=" + member;
    }

    /**
     * The owner recorded on an object.
     *
     * @param labels the object's labels, or {@code null}
     * @return the member, or {@code null} when unassigned
     */
    public String ownerOf(Map<String, ?> labels) {
        Object value = labels == null ? null : labels.get(assignment());
        return value == null || value.toString().isEmpty() ? null : value.toString();
    }

    /**
     * The next owner an object is drained to.
     *
     * @param labels the object's labels, or {@code null}
     * @return the member, or {@code null} when not draining
     */
    public String drainOf(Map<String, ?> labels) {
        Object value = labels == null ? null : labels.get(drain());
        return value == null || value.toString().isEmpty() ? null : value.toString();
    }

    /**
     * Derives a member's name from the operator's identity: the identity itself when it is
     * a valid label value and object name (a pod's name usually is), else its letters and
     * digits with a hash of the whole, so that two identities never share a name.
     *
     * @param identity the operator's identity, e.g. {@code $POD_ID} or {@code user@host/…}
     * @return a label value of at most 63 characters, usable in a Lease's name
     */
    public static String memberName(String identity) {
        if (VALID_MEMBER.matcher(identity).matches()) {
            return identity;
        }
        String cleaned = identity.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (cleaned.length() > 40) {
            cleaned = cleaned.substring(cleaned.length() - 40).replaceAll("^-+", "");
        }
        String hash = HexFormat.of().formatHex(sha1(identity), 0, 5);
        return cleaned.isEmpty() ? hash : cleaned + "-" + hash;
    }

    static byte[] sha1(String text) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM.", e);
        }
    }
}
