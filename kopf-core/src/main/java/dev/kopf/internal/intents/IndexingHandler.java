package dev.kopf.internal.intents;

import dev.kopf.Context;
import dev.kopf.ErrorsMode;
import dev.kopf.internal.actions.ExecutableHandler;
import dev.kopf.internal.actions.HandlerFn;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * An index handler ({@code @Index}), as Kopf's {@code IndexingHandler}: its results for each
 * object form an in-memory index, keyed by this handler's id.
 *
 * @param id the id, which names the index
 * @param selector the resource selector
 * @param filters the object filters (field values are read from the body)
 * @param fn the bound method
 * @param errors how unexpected exceptions are treated; {@link ErrorsMode#IGNORED} as in Kopf
 * @param retries the number of attempts; {@link Integer#MAX_VALUE} for unlimited
 * @param timeout the time limit since the first attempt, or {@code null} for none
 * @param backoff the delay after an unexpected exception, or {@code null} for the default
 * @param param the free value passed to the handler; never {@code null}
 * @param location the method, e.g. {@code com.example.Handlers.byNamespace(Meta)}
 */
public record IndexingHandler(String id, Selector selector, Filters filters, HandlerFn fn,
        ErrorsMode errors, int retries, Duration timeout, Duration backoff, String param,
        String location) implements ExecutableHandler {

    /** Validates the components and fills the defaults. */
    public IndexingHandler {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fn, "fn");
        filters = filters == null ? Filters.NONE : filters;
        errors = errors == null ? ErrorsMode.IGNORED : errors;
        param = param == null ? "" : param;
    }

    @Override
    public String title() {
        return "Indexer '" + id + "'";
    }

    /**
     * Tells whether the handler applies to an object: labels, annotations, the field's value
     * in the body, then {@code when}.
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

    @Override
    public ExecutableHandler subhandler(String childId, HandlerFn fn) {
        throw new UnsupportedOperationException("Index handlers have no sub-handlers.");
    }
}
