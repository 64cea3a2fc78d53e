package dev.kopf;

import java.time.Duration;
import java.util.List;

/**
 * How API requests are made and retried. Used by the clients the operator creates (when
 * none is given to {@link Operator.Builder#client}, or when {@link OnLogin} handlers
 * provide the credentials); a given client keeps its own configuration.
 *
 * <p>The {@code networking} group of {@link OperatorSettings}, changed with
 * {@link OperatorSettings.Builder#networking}.
 *
 * @param requestTimeout the timeout of one API request
 * @param connectTimeout the timeout of connecting; {@code null} for fabric8's default
 * @param errorBackoffs seconds between retries of 5xx, 429 and network errors: their
 *     count is the number of retries, the first one the initial pause (fabric8 then grows
 *     it exponentially, where Kopf follows the list)
 * @since 0.1
 */
public record NetworkingSettings(Duration requestTimeout, Duration connectTimeout,
        List<Integer> errorBackoffs) {

    /** Copies the backoffs. */
    public NetworkingSettings {
        errorBackoffs = List.copyOf(errorBackoffs);
    }

    /**
     * Returns a copy with another request timeout.
     *
     * @param value the timeout of one request
     * @return a new group
     */
    public NetworkingSettings withRequestTimeout(Duration value) {
        return new NetworkingSettings(value, connectTimeout, errorBackoffs);
    }

    /**
     * Returns a copy with another connect timeout.
     *
     * @param value the timeout, or {@code null} for the default
     * @return a new group
     */
    public NetworkingSettings withConnectTimeout(Duration value) {
        return new NetworkingSettings(requestTimeout, value, errorBackoffs);
    }

    /**
     * Returns a copy with other error backoffs.
     *
     * @param value seconds between retries
     * @return a new group
     */
    public NetworkingSettings withErrorBackoffs(List<Integer> value) {
        return new NetworkingSettings(requestTimeout, connectTimeout, value);
    }
}
