package dev.kopf.storage;

import dev.kopf.internal.structs.CompactJson;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The persisted state of one handler across handling cycles, in Kopf's format.
 *
 * <p>One record exists per handler id, sub-handlers included, while the cause that started it
 * is being handled; it is purged when all handlers of that cause are finished.
 *
 * <p>The JSON form is exactly Kopf's: keys in the order {@code started, stopped, delayed,
 * purpose, retries, success, failure, message, subrefs}; timestamps as
 * {@code 2020-12-31T23:59:59.123456+00:00}; empty {@code subrefs} written as absent:
 * <pre>{@code
 * {"started":"2020-12-31T23:59:59.123456+00:00","purpose":"create","retries":1,
 *  "success":true,"failure":false}
 * }</pre>
 *
 * @param started when the handler was first attempted; {@code null} if unknown
 * @param stopped when it finished (succeeded or failed permanently); {@code null} if not yet
 * @param delayed when it should be retried; {@code null} if not postponed
 * @param purpose the reason that started it ({@code create}, {@code update}, {@code delete},
 *     {@code resume}); {@code null} in old records
 * @param retries the attempts so far, incremented on every attempt, successful ones included
 * @param success whether it finally succeeded
 * @param failure whether it finally failed
 * @param message the last error's message, or {@code null}
 * @param subrefs the ids of its sub-handlers of all levels, sorted; never {@code null}
 * @since 0.1
 */
public record ProgressRecord(Instant started, Instant stopped, Instant delayed, String purpose,
        int retries, boolean success, boolean failure, String message, List<String> subrefs) {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    /** Truncates timestamps to microseconds and sorts the sub-handler ids. */
    public ProgressRecord {
        started = micros(started);
        stopped = micros(stopped);
        delayed = micros(delayed);
        purpose = purpose == null || purpose.isEmpty() ? null : purpose;
        subrefs = subrefs == null ? List.of() : List.copyOf(new TreeSet<>(subrefs));
    }

    /**
     * Tells whether the handler is finished, successfully or not.
     *
     * @return {@code success || failure}
     */
    public boolean isFinished() {
        return success || failure;
    }

    /**
     * Tells whether the handler is postponed past the given moment.
     *
     * @param now the current time
     * @return {@code true} when {@code delayed} is after {@code now}
     */
    public boolean isSleeping(Instant now) {
        return delayed != null && delayed.isAfter(now);
    }

    /**
     * Returns all fields in Kopf's order, {@code null}s included, as Kopf's
     * {@code for_storage()}: a merge patch of this map clears stale fields.
     *
     * @return a new mutable map of JSON-ready values
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("started", format(started));
        map.put("stopped", format(stopped));
        map.put("delayed", format(delayed));
        map.put("purpose", purpose);
        map.put("retries", retries);
        map.put("success", success);
        map.put("failure", failure);
        map.put("message", message);
        map.put("subrefs", subrefs.isEmpty() ? null : subrefs);
        return map;
    }

    /**
     * Returns the fields that are set, in Kopf's order, as Kopf's {@code as_in_storage()}.
     *
     * @return a new mutable map without {@code null} values
     */
    public Map<String, Object> toCompactMap() {
        Map<String, Object> map = toMap();
        map.values().removeIf(value -> value == null);
        return map;
    }

    /**
     * Returns the compact JSON that Kopf stores in annotations, {@code null}s dropped.
     *
     * @return e.g. {@code {"started":"…+00:00","retries":0,"success":false,"failure":false}}
     */
    public String toJson() {
        return CompactJson.write(toCompactMap());
    }

    /**
     * Reads a record from its JSON text.
     *
     * @param json a JSON object as stored by Kopf or by {@link #toJson()}
     * @return the record
     * @throws IllegalArgumentException when the text is not a JSON object
     */
    public static ProgressRecord fromJson(String json) {
        return fromJson(CompactJson.readMap(json));
    }

    /**
     * Reads a record from its parsed form, leniently as Kopf does: missing fields take
     * their defaults, naive timestamps are UTC, and any number type is accepted.
     *
     * @param map the parsed record
     * @return the record
     * @throws IllegalArgumentException when a timestamp cannot be parsed
     */
    public static ProgressRecord fromJson(Map<String, ?> map) {
        return new ProgressRecord(
                parse(map.get("started")), parse(map.get("stopped")), parse(map.get("delayed")),
                text(map.get("purpose")),
                map.get("retries") instanceof Number n ? n.intValue() : 0,
                Boolean.TRUE.equals(map.get("success")),
                Boolean.TRUE.equals(map.get("failure")),
                text(map.get("message")),
                map.get("subrefs") instanceof Collection<?> refs
                        ? refs.stream().map(String::valueOf).toList() : List.of());
    }

    /**
     * Formats a timestamp as Kopf does: ISO-8601 in UTC with microseconds and an explicit
     * {@code +00:00} offset.
     *
     * @param instant the moment, or {@code null}
     * @return e.g. {@code 2020-12-31T23:59:59.123456+00:00}, or {@code null}
     */
    public static String format(Instant instant) {
        return instant == null ? null
                : FORMAT.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)) + "+00:00";
    }

    /**
     * Parses a timestamp as Kopf's {@code iso8601.parse_date} does: with or without an
     * offset (naive means UTC), with any fraction, a {@code T} or space separator, and a
     * {@code .} or {@code ,} before the fraction.
     *
     * @param value the text, or {@code null}
     * @return the moment, or {@code null}
     * @throws IllegalArgumentException when the text is not such a timestamp
     */
    public static Instant parse(Object value) {
        if (value == null) {
            return null;
        }
        String text = String.valueOf(value).trim().replace(',', '.');
        if (text.length() > 10 && text.charAt(10) == ' ') {
            text = text.substring(0, 10) + 'T' + text.substring(11);
        }
        try {
            Object parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text,
                    OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime offset ? offset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Invalid timestamp in a progress record: "
                    + value + ". Expected ISO-8601, e.g. 2020-12-31T23:59:59.123456+00:00.", e);
        }
    }

    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
