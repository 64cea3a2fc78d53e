package dev.kopf;

import dev.kopf.internal.engines.EventPoster;
import dev.kopf.internal.structs.FilterMarkers;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The facade for handler code: filter markers, Kubernetes Events and object hierarchies.
 *
 * @since 0.1
 */
public final class Kopf {

    /** A filter value that matches when the label, annotation or field is present. */
    public static final String PRESENT = FilterMarkers.PRESENT;

    /** A filter value that matches when the label, annotation or field is absent. */
    public static final String ABSENT = FilterMarkers.ABSENT;

    /** The default of value-filter attributes: no filter. Not meant to be written by users. */
    public static final String UNSET = FilterMarkers.UNSET;

    private Kopf() {
    }

    /**
     * Posts a Kubernetes Event about an object, in the background.
     *
     * <p>Works inside handlers; elsewhere it does nothing. Events are gated by the operator's
     * posting settings. Messages longer than 1024 characters are cut in the middle.
     *
     * @param object a fabric8 object ({@code HasMetadata}), a {@link Body}, or a JSON map
     * @param type the Event type, e.g. {@code Normal} or {@code Warning}
     * @param reason a short CamelCase reason
     * @param message the message
     */
    public static void event(Object object, String type, String reason, String message) {
        EventPoster poster = EventPoster.current();
        if (poster != null) {
            poster.post(toMap(object), type, reason, message);
        }
    }

    /**
     * Posts a {@code Normal} Event; see {@link #event}.
     *
     * @param object the object
     * @param reason the reason
     * @param message the message
     */
    public static void info(Object object, String reason, String message) {
        EventPoster poster = EventPoster.current();
        if (poster != null && poster.isPosted("INFO")) {
            poster.post(toMap(object), "Normal", reason, message);
        }
    }

    /**
     * Posts a {@code Warning} Event; see {@link #event}.
     *
     * @param object the object
     * @param reason the reason
     * @param message the message
     */
    public static void warn(Object object, String reason, String message) {
        EventPoster poster = EventPoster.current();
        if (poster != null && poster.isPosted("WARN")) {
            poster.post(toMap(object), "Warning", reason, message);
        }
    }

    /**
     * Posts an {@code Error} Event about an exception; see {@link #event}.
     *
     * @param object the object
     * @param reason the reason; empty for the exception's class name
     * @param message the message; the exception's message is appended
     * @param error the exception, or {@code null}
     */
    public static void exception(Object object, String reason, String message,
            Throwable error) {
        EventPoster poster = EventPoster.current();
        if (poster == null || !poster.isPosted("ERROR")) {
            return;
        }
        String why = (reason == null || reason.isEmpty()) && error != null
                ? error.getClass().getSimpleName() : reason;
        String text = error == null ? message
                : ((message == null || message.isEmpty() ? "" : message + " ")
                        + error.getMessage()).strip();
        poster.post(toMap(object), "Error", why, text);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toMap(Object object) {
        if (object instanceof Body body) {
            return body.asMap();
        } else if (object instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        } else if (object instanceof HasMetadata resource) {
            return Json.MAPPER.convertValue(resource, LinkedHashMap.class);
        }
        throw new IllegalArgumentException("Events can be posted about fabric8 objects, bodies "
                + "or maps; got: " + (object == null ? "null" : object.getClass().getName()));
    }
}
