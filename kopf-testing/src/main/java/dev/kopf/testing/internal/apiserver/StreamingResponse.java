package dev.kopf.testing.internal.apiserver;

import io.fabric8.mockwebserver.http.MockResponse;
import java.util.function.Function;

/**
 * A 200 response whose body is written as it comes: a plain HTTP watch. Only
 * {@link HttpTransport} can send it; it opens the stream with a sink for the HTTP chunks
 * and closes it when the client goes away.
 */
final class StreamingResponse extends MockResponse {

    private final Function<WatchSink, Runnable> opener;

    /**
     * @param opener starts writing frames to the sink, and returns what stops it
     */
    StreamingResponse(Function<WatchSink, Runnable> opener) {
        this.opener = opener;
        setResponseCode(200);
        setHeader("Content-Type", "application/json");
    }

    /** Starts the stream; the returned action stops it (idempotent). */
    Runnable open(WatchSink sink) {
        return opener.apply(sink);
    }
}
