package dev.kopf;

import java.time.Duration;

/**
 * How watch streams are kept. Each stream lists, then watches from the listed
 * resourceVersion with bookmarks, and re-lists after 410 Gone.
 *
 * <p>The {@code watching} group of {@link OperatorSettings}, changed with
 * {@link OperatorSettings.Builder#watching}.
 *
 * @param serverTimeout asked of the server as the watch's {@code timeoutSeconds}, after
 *     which it ends the stream and it is resumed; {@code null} for the server's default
 * @param reconnectBackoff the pause before a failed watch is re-established when
 *     {@code networking.errorBackoffs} is empty; for clients the operator creates, also
 *     fabric8's first pause
 * @param inactivityTimeout a stream that has brought no event and no bookmark for this
 *     long is presumed frozen, ended and resumed; {@code null} for never
 * @param clientTimeout every stream is ended and resumed after this long, whatever the
 *     server does; {@code null} for never
 * @since 0.1
 */
public record WatchingSettings(Duration serverTimeout, Duration reconnectBackoff,
        Duration inactivityTimeout, Duration clientTimeout) {

    /**
     * Returns a copy with another server timeout.
     *
     * @param value the timeout, or {@code null}
     * @return a new group
     */
    public WatchingSettings withServerTimeout(Duration value) {
        return new WatchingSettings(value, reconnectBackoff, inactivityTimeout, clientTimeout);
    }

    /**
     * Returns a copy with another reconnect backoff.
     *
     * @param value the first pause before reconnecting
     * @return a new group
     */
    public WatchingSettings withReconnectBackoff(Duration value) {
        return new WatchingSettings(serverTimeout, value, inactivityTimeout, clientTimeout);
    }

    /**
     * Returns a copy with another inactivity timeout.
     *
     * @param value the timeout, or {@code null} for never
     * @return a new group
     */
    public WatchingSettings withInactivityTimeout(Duration value) {
        return new WatchingSettings(serverTimeout, reconnectBackoff, value, clientTimeout);
    }

    /**
     * Returns a copy with another client timeout.
     *
     * @param value the timeout, or {@code null} for never
     * @return a new group
     */
    public WatchingSettings withClientTimeout(Duration value) {
        return new WatchingSettings(serverTimeout, reconnectBackoff, inactivityTimeout, value);
    }
}
