package dev.kopf.internal.intents;

import dev.kopf.Context;
import dev.kopf.internal.actions.ExecutableHandler;
import dev.kopf.internal.actions.HandlerFn;
import java.time.Duration;
import java.util.Map;

/**
 * A daemon or timer, as Kopf's {@code SpawningHandler}: it runs in the background for each
 * matching object, and the object carries the finalizer while it does.
 *
 * <p>Made by discovery; matched by the registry and run by the daemons engine.
 */
public sealed interface SpawningHandler extends ExecutableHandler
        permits DaemonHandler, TimerHandler {

    /**
     * Returns the resource selector.
     *
     * @return the selector
     */
    Selector selector();

    /**
     * Returns the object filters.
     *
     * @return the filters
     */
    Filters filters();

    /**
     * Returns the free value passed to the handler.
     *
     * @return the param; never {@code null}
     */
    String param();

    /**
     * Returns how long to wait after the object appears before the first call.
     *
     * @return the delay; zero for none
     */
    Duration initialDelay();

    /**
     * Returns the method, for messages.
     *
     * @return e.g. {@code com.example.Handlers.monitor(DaemonStopped)}
     */
    String location();

    /**
     * Tells whether the handler applies to an object, as Kopf's matching of spawning causes:
     * labels, annotations, the field's value in the body, then {@code when}.
     *
     * @param body the object
     * @param context the context for the {@code when} callback; may be {@code null} without one
     * @return {@code true} when all filters match
     * @throws Exception whatever the {@code when} callback throws
     */
    default boolean matches(Map<String, Object> body, Context context) throws Exception {
        return filters().matchesMeta(body)
                && filters().matchesFieldValues(body, null, null, false)
                && filters().matchesWhen(context);
    }

    @Override
    default ExecutableHandler subhandler(String childId, HandlerFn fn) {
        throw new UnsupportedOperationException("Daemons and timers have no sub-handlers.");
    }
}
