package dev.kopf.internal.intents;

import dev.kopf.ErrorsMode;
import dev.kopf.internal.actions.HandlerFn;
import java.time.Duration;
import java.util.Objects;

/**
 * A daemon ({@code @Daemon}), as Kopf's {@code DaemonHandler}: one long-running call per
 * matching object, stopped by its flag, then an interrupt, then abandoned.
 *
 * @param id the id, e.g. {@code monitor}
 * @param selector the resource selector
 * @param filters the object filters
 * @param fn the bound method
 * @param errors how unexpected exceptions are treated
 * @param retries the number of attempts; {@link Integer#MAX_VALUE} for unlimited
 * @param timeout the time limit since the first attempt, or {@code null} for none
 * @param backoff the delay after an unexpected exception, or {@code null} for the default
 * @param param the free value passed to the handler; never {@code null}
 * @param initialDelay the wait before the first call; zero for none
 * @param cancellationBackoff the time between the flag and the interrupt, or {@code null}
 * @param cancellationTimeout the time between the interrupt and abandoning, or {@code null}
 * @param cancellationPolling how often a slow exit is reported, or {@code null} for the
 *     settings' default
 * @param location the method, e.g. {@code com.example.Handlers.monitor(DaemonStopped)}
 */
public record DaemonHandler(String id, Selector selector, Filters filters, HandlerFn fn,
        ErrorsMode errors, int retries, Duration timeout, Duration backoff, String param,
        Duration initialDelay, Duration cancellationBackoff, Duration cancellationTimeout,
        Duration cancellationPolling, String location) implements SpawningHandler {

    /** Validates the components and fills the defaults. */
    public DaemonHandler {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fn, "fn");
        filters = filters == null ? Filters.NONE : filters;
        errors = errors == null ? ErrorsMode.TEMPORARY : errors;
        param = param == null ? "" : param;
        initialDelay = initialDelay == null ? Duration.ZERO : initialDelay;
    }

    @Override
    public String title() {
        return "Daemon '" + id + "'";
    }
}
