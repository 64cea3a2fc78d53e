package dev.kopf.internal.clients;

import dev.kopf.OperatorSettings;
import dev.kopf.WatchingSettings;
import java.time.Duration;
import java.util.List;

/**
 * How a {@link Watcher} keeps its stream healthy, from the {@code watching} and
 * {@code networking} settings.
 *
 * @param serverTimeout asked of the server as {@code timeoutSeconds}; {@code null} for the
 *     server's default
 * @param clientTimeout a stream is ended and resumed after this long; {@code null} for never
 * @param inactivityTimeout a stream with no event or bookmark for this long is presumed dead,
 *     ended and resumed; {@code null} for never
 * @param errorBackoffs seconds before each retry after consecutive failures; the last one
 *     repeats
 * @param reconnectBackoff the pause when {@code errorBackoffs} is empty
 */
public record WatchOptions(Duration serverTimeout, Duration clientTimeout,
        Duration inactivityTimeout, List<Integer> errorBackoffs, Duration reconnectBackoff) {

    /** Defaults for tests and for streams without settings: no timeouts, Kopf's backoffs. */
    public static final WatchOptions DEFAULTS = new WatchOptions(null, null, null,
            List.of(1, 1, 2, 3, 5, 8, 13, 21), Duration.ofMillis(100));

    /** Copies the list. */
    public WatchOptions {
        errorBackoffs = List.copyOf(errorBackoffs);
        reconnectBackoff = reconnectBackoff == null ? Duration.ofMillis(100) : reconnectBackoff;
    }

    /**
     * Reads the options from the settings.
     *
     * @param settings the operator's settings
     * @return the options
     */
    public static WatchOptions of(OperatorSettings settings) {
        WatchingSettings watching = settings.watching();
        return new WatchOptions(watching.serverTimeout(), watching.clientTimeout(),
                watching.inactivityTimeout(), settings.networking().errorBackoffs(),
                watching.reconnectBackoff());
    }

    /**
     * Returns the pause before the retry after this many consecutive failures.
     *
     * @param failures consecutive failures so far, at least 1
     * @return the pause
     */
    Duration backoff(int failures) {
        if (errorBackoffs.isEmpty()) {
            return reconnectBackoff;
        }
        return Duration.ofSeconds(errorBackoffs.get(Math.min(failures, errorBackoffs.size()) - 1));
    }
}
