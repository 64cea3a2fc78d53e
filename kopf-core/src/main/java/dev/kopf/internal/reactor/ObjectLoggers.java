package dev.kopf.internal.reactor;

import dev.kopf.PostingSettings;
import dev.kopf.internal.actions.ObjectLogger;
import dev.kopf.internal.engines.EventPoster;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.event.Level;

/**
 * Makes the per-object loggers of the handlers: the object's reference in the log context,
 * and, when {@code posting.loggers} is on, its log lines posted as Kubernetes Events.
 */
final class ObjectLoggers {

    private ObjectLoggers() {
    }

    static ObjectLogger forBody(Map<String, Object> body, EventPoster poster,
            PostingSettings posting) {
        Map<String, String> context = new HashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) body.getOrDefault("metadata", Map.of());
        putIfPresent(context, "kopf.namespace", meta.get("namespace"));
        putIfPresent(context, "kopf.name", meta.get("name"));
        putIfPresent(context, "kopf.uid", meta.get("uid"));
        putIfPresent(context, "kopf.kind", body.get("kind"));
        putIfPresent(context, "kopf.apiVersion", body.get("apiVersion"));
        boolean bridge = posting.enabled() && posting.loggers();
        Level level = Level.valueOf(posting.level());
        return new ObjectLogger(context, bridge
                ? (type, reason, message) -> poster.post(body, type, reason, message) : null,
                level);
    }

    private static void putIfPresent(Map<String, String> map, String key, Object value) {
        if (value != null) {
            map.put(key, value.toString());
        }
    }
}
