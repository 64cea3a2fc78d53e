package dev.kopf.testing.internal.apiserver;

/**
 * Where a watch stream writes its frames: a WebSocket, or a buffer for a plain HTTP watch.
 */
interface WatchSink {
    /**
     * Sends one watch event, blocking until it is written.
     *
     * @return {@code false} if the peer is gone and the stream should end
     */
    boolean send(String frame);

    /** Ends the stream; idempotent. */
    void close();
}
