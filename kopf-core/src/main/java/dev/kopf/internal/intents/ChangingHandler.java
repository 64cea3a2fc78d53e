package dev.kopf.internal.intents;

import dev.kopf.Context;
import dev.kopf.ErrorsMode;
import dev.kopf.Reason;
import dev.kopf.internal.actions.ExecutableHandler;
import dev.kopf.internal.actions.HandlerFn;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A create, update, delete, resume or field handler, as Kopf's {@code ChangingHandler}.
 *
 * <p>Made by discovery from an annotated method, or by {@link #subhandler} at run time; read
 * by the registry and the executors. Kopf's {@code reason=None} (field handlers) is an empty
 * {@code reasons} set here.
 *
 * @param id the persistent id, e.g. {@code createFn} or {@code fieldFn/spec.field}
 * @param selector the resource selector
 * @param reasons the reasons it runs for; empty for any reason (field handlers)
 * @param filters the object filters
 * @param fn the bound method
 * @param errors how unexpected exceptions are treated
 * @param retries the number of attempts; {@link Integer#MAX_VALUE} for unlimited
 * @param timeout the time limit since the first attempt, or {@code null} for none
 * @param backoff the delay after an unexpected exception, or {@code null} for the default
 * @param param the free value passed to the handler; never {@code null}
 * @param optional whether a delete handler does without the finalizer
 * @param deleted whether a resume handler also runs for objects being deleted
 * @param location the method, e.g. {@code com.example.Handlers.createFn(Spec, Logger)}
 */
public record ChangingHandler(String id, Selector selector, Set<Reason> reasons, Filters filters,
        HandlerFn fn, ErrorsMode errors, int retries, Duration timeout, Duration backoff,
        String param, boolean optional, boolean deleted, String location)
        implements ExecutableHandler {

    /** Validates and copies the components. */
    public ChangingHandler {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fn, "fn");
        reasons = reasons.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(reasons));
        filters = filters == null ? Filters.NONE : filters;
        errors = errors == null ? ErrorsMode.TEMPORARY : errors;
        param = param == null ? "" : param;
    }

    /**
     * Tells whether objects must carry the finalizer for this handler.
     *
     * @return {@code true} for a delete handler that is not optional
     */
    public boolean requiresFinalizer() {
        return reasons.contains(Reason.DELETE) && !optional;
    }

    /**
     * Tells whether this handler runs for a reason (ignoring resume's first-cycle rule).
     *
     * @param reason the cause's reason
     * @return {@code true} when it is one of {@link #reasons}, or they are empty
     */
    public boolean handles(Reason reason) {
        return reasons.isEmpty() || reasons.contains(reason);
    }

    /**
     * Tells whether the field must have changed for this handler to run: Kopf's
     * {@code field_needs_change}, true for update and field handlers.
     *
     * @return {@code true} for update and field handlers
     */
    public boolean fieldNeedsChange() {
        return reasons.isEmpty() || reasons.contains(Reason.UPDATE);
    }

    /**
     * Tells whether the object matches the filters that need no change, as Kopf's
     * {@code prematch}: labels, annotations, field values, then {@code when}.
     *
     * @param body the object
     * @param oldEssence the old essence, or {@code null}
     * @param newEssence the new essence, or {@code null}
     * @param context the context for the {@code when} callback; may be {@code null} without one
     * @return {@code true} when all those filters match
     * @throws Exception whatever the {@code when} callback throws
     */
    public boolean prematches(Map<String, Object> body, Object oldEssence, Object newEssence,
            Context context) throws Exception {
        return filters.matchesMeta(body)
                && filters.matchesFieldValues(body, oldEssence, newEssence, true)
                && filters.matchesWhen(context);
    }

    /**
     * Tells whether the handler applies to a change, as Kopf's {@code match}: the
     * {@link #prematches} filters plus the field change.
     *
     * @param body the object
     * @param oldEssence the old essence, or {@code null}
     * @param newEssence the new essence, or {@code null}
     * @param context the context for the {@code when} callback; may be {@code null} without one
     * @return {@code true} when all filters match
     * @throws Exception whatever the {@code when} callback throws
     */
    public boolean matches(Map<String, Object> body, Object oldEssence, Object newEssence,
            Context context) throws Exception {
        return filters.matchesMeta(body)
                && filters.matchesFieldValues(body, oldEssence, newEssence, true)
                && filters.matchesFieldChanges(oldEssence, newEssence, fieldNeedsChange())
                && filters.matchesWhen(context);
    }

    /**
     * Makes a sub-handler of this handler, as Kopf's {@code kopf.register}.
     *
     * @param childId the child's id; the full id is {@code parent/child}
     * @param fn the sub-handler's function
     * @return a handler with default options, no filters, and this handler's reasons and
     *     selector
     */
    @Override
    public ChangingHandler subhandler(String childId, HandlerFn fn) {
        return new ChangingHandler(id + "/" + childId, selector, reasons, Filters.NONE, fn,
                ErrorsMode.TEMPORARY, Integer.MAX_VALUE, null, null, "", false, false,
                location);
    }

    /**
     * Makes a sub-handler with options, as Kopf's {@code @kopf.subhandler(...)}.
     *
     * @param childId the child's id; the full id is {@code parent/child}
     * @param fn the sub-handler's function
     * @param options its errors, retries, timeout and backoff
     * @return the handler
     */
    @Override
    public ChangingHandler subhandler(String childId, HandlerFn fn,
            dev.kopf.SubHandlerOptions options) {
        return new ChangingHandler(id + "/" + childId, selector, reasons, Filters.NONE, fn,
                options.errors(), options.retries(), options.timeout(), options.backoff(), "",
                false, false, location);
    }
}
