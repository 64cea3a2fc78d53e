package dev.kopf;

import java.util.Map;

/**
 * A raw watch event, as given to {@link OnEvent} handlers.
 *
 * @param type {@code ADDED}, {@code MODIFIED}, {@code DELETED}, or {@code null} for the
 *     initial listing, as in Kopf
 * @param object the object's body as received
 * @since 0.1
 */
public record RawEvent(String type, Map<String, Object> object) {
}
