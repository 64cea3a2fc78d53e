package dev.kopf.internal.intents;

import dev.kopf.Context;
import dev.kopf.ErrorsMode;
import dev.kopf.internal.actions.HandlerFn;
import java.util.Map;
import java.util.Objects;

/**
 * An event handler ({@code @OnEvent}), as Kopf's {@code WatchingHandler}: called for every raw
 * watch event of matching objects, with no progress kept.
 *
 * <p>Made by discovery; read by the registry and the event processing.
 *
 * @param id the id, e.g. {@code eventFn}
 * @param selector the resource selector
 * @param filters the object filters (field values are read from the body)
 * @param fn the bound method
 * @param errors how exceptions are treated; {@link ErrorsMode#IGNORED} as in Kopf
 * @param param the free value passed to the handler; never {@code null}
 * @param location the method, e.g. {@code com.example.Handlers.eventFn(RawEvent)}
 */
public record WatchingHandler(String id, Selector selector, Filters filters, HandlerFn fn,
        ErrorsMode errors, String param, String location) {

    /** Validates the components and fills the defaults. */
    public WatchingHandler {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fn, "fn");
        filters = filters == null ? Filters.NONE : filters;
        errors = errors == null ? ErrorsMode.IGNORED : errors;
        param = param == null ? "" : param;
    }

    /**
     * Tells whether the handler applies to an object, as Kopf's {@code match} for watching
     * causes: labels, annotations, the field's value in the body, then {@code when}.
     *
     * @param body the object
     * @param context the context for the {@code when} callback; may be {@code null} without one
     * @return {@code true} when all filters match
     * @throws Exception whatever the {@code when} callback throws
     */
    public boolean matches(Map<String, Object> body, Context context) throws Exception {
        return filters.matchesMeta(body)
                && filters.matchesFieldValues(body, null, null, false)
                && filters.matchesWhen(context);
    }
}
