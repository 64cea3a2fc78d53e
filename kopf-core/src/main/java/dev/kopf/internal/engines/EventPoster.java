package dev.kopf.internal.engines;

import dev.kopf.PostingSettings;
import dev.kopf.internal.clients.EventsClient;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts Kubernetes Events in the background, as Kopf's {@code posting.py}: gated by the
 * posting settings, messages cut to 1024 characters, Events about Events dropped, and
 * failures logged without disturbing the handlers.
 */
public final class EventPoster {

    private static final Logger logger = LoggerFactory.getLogger("kopf.engines.posting");
    private static final int MAX_MESSAGE_LENGTH = 1024;
    private static final ThreadLocal<EventPoster> CURRENT = new ThreadLocal<>();

    private final EventsClient events;
    private final PostingSettings settings;
    private final Executor executor;

    /**
     * Creates a poster.
     *
     * @param events the API client for Events
     * @param settings the posting settings
     * @param executor where posting runs
     */
    public EventPoster(EventsClient events, PostingSettings settings,
            Executor executor) {
        this.events = events;
        this.settings = settings;
        this.executor = executor;
    }

    /**
     * Returns the poster of the operator whose handler runs on this thread.
     *
     * @return the poster, or {@code null} outside handlers
     */
    public static EventPoster current() {
        return CURRENT.get();
    }

    /**
     * Makes this poster the current one for this thread.
     *
     * @param poster the poster, or {@code null} to clear
     */
    public static void setCurrent(EventPoster poster) {
        if (poster == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(poster);
        }
    }

    /**
     * Queues an Event about an object.
     *
     * @param body the object, as a JSON map
     * @param type {@code Normal}, {@code Warning}, {@code Error}
     * @param reason the reason
     * @param message the message
     */
    public void post(Map<String, Object> body, String type, String reason, String message) {
        if (!settings.enabled() || "Event".equals(body.get("kind")) && "v1".equals(
                body.get("apiVersion"))) {
            return;
        }
        ObjectReference ref = reference(body);
        String text = cut(message == null ? "" : message);
        executor.execute(() -> {
            try {
                events.post(ref, type, reason, text, settings.reportingComponent(),
                        settings.reportingInstance(), settings.eventNamePrefix());
            } catch (RuntimeException e) {
                logger.warn("Failed to post an event. Ignoring and continuing. Event: type={}, "
                        + "reason={}, message={}. Error: {}", type, reason, text, e.toString());
            }
        });
    }

    /**
     * Tells whether a level is posted at all.
     *
     * @param level {@code DEBUG}, {@code INFO}, {@code WARN}, {@code ERROR}
     * @return {@code true} when posting is on and the level is at least the configured one
     */
    public boolean isPosted(String level) {
        List<String> order = List.of("DEBUG", "INFO", "WARN", "ERROR");
        return settings.enabled() && order.indexOf(level) >= order.indexOf(settings.level());
    }

    @SuppressWarnings("unchecked")
    private static ObjectReference reference(Map<String, Object> body) {
        Map<String, Object> meta = (Map<String, Object>) body.getOrDefault("metadata", Map.of());
        return new ObjectReferenceBuilder()
                .withApiVersion((String) body.get("apiVersion"))
                .withKind((String) body.get("kind"))
                .withName((String) meta.get("name"))
                .withUid((String) meta.get("uid"))
                .withNamespace((String) meta.get("namespace"))
                .build();
    }

    static String cut(String message) {
        if (message.length() <= MAX_MESSAGE_LENGTH) {
            return message;
        }
        int half = (MAX_MESSAGE_LENGTH - 3) / 2;
        return message.substring(0, half) + "..."
                + message.substring(message.length() - (MAX_MESSAGE_LENGTH - 3 - half));
    }
}
