package dev.kopf.internal.intents;

import dev.kopf.ErrorsMode;
import dev.kopf.internal.actions.HandlerFn;
import java.time.Duration;
import java.util.Objects;

/**
 * A timer ({@code @Timer}), as Kopf's {@code TimerHandler}: a periodic call per matching
 * object that never overlaps itself.
 *
 * @param id the id, e.g. {@code check}
 * @param selector the resource selector
 * @param filters the object filters
 * @param fn the bound method
 * @param errors how unexpected exceptions are treated
 * @param retries the number of attempts in a row; {@link Integer#MAX_VALUE} for unlimited
 * @param timeout the time limit since the first failed attempt, or {@code null} for none
 * @param backoff the delay after an unexpected exception, or {@code null} for the default
 * @param param the free value passed to the handler; never {@code null}
 * @param initialDelay the wait before the first call; zero for none
 * @param interval the time between calls, or {@code null} for none
 * @param idle the time without essential changes before a call, or {@code null} for none
 * @param sharp whether calls keep to a fixed grid of {@code interval}
 * @param location the method, e.g. {@code com.example.Handlers.check(Spec)}
 */
public record TimerHandler(String id, Selector selector, Filters filters, HandlerFn fn,
        ErrorsMode errors, int retries, Duration timeout, Duration backoff, String param,
        Duration initialDelay, Duration interval, Duration idle, boolean sharp,
        String location) implements SpawningHandler {

    /** Validates the components and fills the defaults. */
    public TimerHandler {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fn, "fn");
        filters = filters == null ? Filters.NONE : filters;
        errors = errors == null ? ErrorsMode.TEMPORARY : errors;
        param = param == null ? "" : param;
        initialDelay = initialDelay == null ? Duration.ZERO : initialDelay;
    }

    @Override
    public String title() {
        return "Timer '" + id + "'";
    }
}
