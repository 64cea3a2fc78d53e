package dev.kopf.internal.reactor;

import dev.kopf.Reason;
import dev.kopf.internal.intents.ChangingHandler;
import dev.kopf.internal.intents.DaemonHandler;
import dev.kopf.internal.intents.IndexingHandler;
import dev.kopf.internal.intents.OperatorRegistry;
import dev.kopf.internal.intents.Selector;
import dev.kopf.internal.intents.SpawningHandler;
import dev.kopf.internal.intents.WatchingHandler;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says at start-up which handlers the operator found, one INFO line per resource, so that a
 * user sees at once whether the scan picked up what they wrote. Called once by the reactor;
 * separate from it because the wording of each handler kind is its own concern.
 */
final class HandlerListing {

    private static final Logger logger = LoggerFactory.getLogger("kopf.activities.startup");

    private HandlerListing() {
    }

    /**
     * Logs one line per resource selector with its handlers, in declaration order.
     *
     * @param registry the handlers
     */
    static void log(OperatorRegistry registry) {
        for (Selector selector : registry.selectors()) {
            logger.info("Handlers for '{}': {}.", selector,
                    String.join(", ", describe(registry, selector)));
        }
    }

    /**
     * Describes the handlers of one selector.
     *
     * @param registry the handlers
     * @param selector the selector as declared
     * @return e.g. {@code @OnCreate 'createFn'}, one entry per handler
     */
    static List<String> describe(OperatorRegistry registry, Selector selector) {
        List<String> entries = new ArrayList<>();
        for (ChangingHandler handler : registry.changingHandlers()) {
            if (handler.selector().equals(selector)) {
                entries.add(annotation(handler) + " '" + handler.id() + "'");
            }
        }
        for (WatchingHandler handler : registry.watchingHandlers()) {
            if (handler.selector().equals(selector)) {
                entries.add("@OnEvent '" + handler.id() + "'");
            }
        }
        for (SpawningHandler handler : registry.spawningHandlers()) {
            if (handler.selector().equals(selector)) {
                entries.add((handler instanceof DaemonHandler ? "@Daemon '" : "@Timer '")
                        + handler.id() + "'");
            }
        }
        for (IndexingHandler handler : registry.indexingHandlers()) {
            if (handler.selector().equals(selector)) {
                entries.add("@Index '" + handler.id() + "'");
            }
        }
        return entries;
    }

    private static String annotation(ChangingHandler handler) {
        if (handler.reasons().isEmpty()) {
            return "@OnField";
        }
        List<String> names = new ArrayList<>();
        for (Reason reason : handler.reasons()) {
            names.add(switch (reason) {
                case CREATE -> "@OnCreate";
                case UPDATE -> "@OnUpdate";
                case DELETE -> "@OnDelete";
                case RESUME -> "@OnResume";
            });
        }
        return String.join("/", names);
    }
}
