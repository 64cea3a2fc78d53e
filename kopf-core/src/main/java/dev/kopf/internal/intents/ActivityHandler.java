package dev.kopf.internal.intents;

import dev.kopf.ErrorsMode;
import dev.kopf.internal.actions.ExecutableHandler;
import dev.kopf.internal.actions.HandlerFn;
import java.time.Duration;
import java.util.Objects;

/**
 * A startup, cleanup, login or probe handler, as Kopf's {@code ActivityHandler}: it runs with
 * no object, so it has no selector and no filters.
 *
 * <p>Made by discovery; run by the activities engine.
 *
 * @param id the id, e.g. {@code startupFn}
 * @param activity when it runs
 * @param fn the bound method
 * @param errors how unexpected exceptions are treated
 * @param retries the number of attempts; {@link Integer#MAX_VALUE} for unlimited
 * @param timeout the time limit since the first attempt, or {@code null} for none
 * @param backoff the delay after an unexpected exception, or {@code null} for the default
 * @param param the free value passed to the handler; never {@code null}
 * @param location the method, e.g. {@code com.example.Handlers.startupFn(Logger)}
 */
public record ActivityHandler(String id, Activity activity, HandlerFn fn, ErrorsMode errors,
        int retries, Duration timeout, Duration backoff, String param, String location)
        implements ExecutableHandler {

    /** Validates the components and fills the defaults. */
    public ActivityHandler {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(fn, "fn");
        errors = errors == null ? ErrorsMode.TEMPORARY : errors;
        param = param == null ? "" : param;
    }

    @Override
    public String title() {
        return "Activity '" + id + "'";
    }

    @Override
    public ExecutableHandler subhandler(String childId, HandlerFn fn) {
        throw new UnsupportedOperationException("Activities have no sub-handlers.");
    }
}
