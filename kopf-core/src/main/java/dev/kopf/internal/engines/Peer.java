package dev.kopf.internal.engines;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One operator's record in a peering object, as Kopf's {@code Peer}: the wire format is
 * {@code status.<identity> = {priority, lifetime, lastseen}}, with the lifetime in whole
 * seconds and {@code lastseen} as Python's {@code datetime.isoformat()} in UTC
 * ({@code 2026-12-03T05:34:20.123456+00:00}), so that Java and Python operators read each
 * other's records.
 *
 * @param identity the operator's identity (the key in {@code status})
 * @param priority its priority; higher wins
 * @param lifetime how long the record stays valid after {@code lastseen}
 * @param lastseen when the operator last wrote it
 */
public record Peer(String identity, int priority, Duration lifetime, Instant lastseen) {

    /** A record without a lifetime is valid for this long, as in Kopf. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    /**
     * Reads a record as Kopf does: a missing lifetime is 60 s, a missing {@code lastseen} is
     * now; unknown fields are ignored (they may come from newer versions).
     *
     * @param identity the key in {@code status}
     * @param info the value
     * @param now the current time
     * @return the peer
     * @throws IllegalArgumentException when a field has a value of the wrong kind
     */
    public static Peer parse(String identity, Map<?, ?> info, Instant now) {
        int priority = integer(info.get("priority"), 0, "priority");
        Object lifetime = info.get("lifetime");
        Duration life = lifetime == null ? DEFAULT_LIFETIME
                : Duration.ofSeconds(integer(lifetime, 60, "lifetime"));
        Object lastseen = info.get("lastseen");
        return new Peer(identity, priority, life,
                lastseen == null ? now : parseTime(lastseen.toString()));
    }

    /**
     * Returns when the record expires.
     *
     * @return {@code lastseen + lifetime}
     */
    public Instant deadline() {
        return lastseen.plus(lifetime);
    }

    /**
     * Tells whether the record has expired, as Kopf's {@code is_dead}.
     *
     * @param now the current time
     * @return {@code true} when the deadline is not after now
     */
    public boolean isDead(Instant now) {
        return !deadline().isAfter(now);
    }

    /**
     * Returns the record's value as written to the peering object.
     *
     * @return {@code {priority, lifetime, lastseen}}
     */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("priority", priority);
        map.put("lifetime", lifetime.toSeconds());
        map.put("lastseen", formatTime(lastseen));
        return map;
    }

    /**
     * Formats a time as Python's {@code isoformat()} of an aware UTC datetime.
     *
     * @param time the time
     * @return e.g. {@code 2026-12-03T05:34:20.123456+00:00}
     */
    public static String formatTime(Instant time) {
        Instant micros = time.truncatedTo(ChronoUnit.MICROS);
        OffsetDateTime utc = micros.atOffset(ZoneOffset.UTC);
        return (micros.getNano() == 0 ? SECONDS : MICROS).format(utc);
    }

    // As the iso8601 package that Kopf uses: an offset or Z, or none for UTC.
    static Instant parseTime(String text) {
        String value = text.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                throw new IllegalArgumentException("lastseen is not an ISO 8601 time: '"
                        + text + "'.");
            }
        }
    }

    private static int integer(Object value, int fallback, String field) {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " is not an integer: '" + value + "'.");
        }
    }

    /** As Kopf's {@code repr()}, which its log messages show. */
    @Override
    public String toString() {
        return "<Peer " + identity + ": priority=" + priority + ", lifetime="
                + lifetime.toSeconds() + ", lastseen='" + formatTime(lastseen) + "'>";
    }
}
