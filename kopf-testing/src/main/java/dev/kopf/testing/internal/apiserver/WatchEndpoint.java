package dev.kopf.testing.internal.apiserver;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches ({@code ?watch=true}): parses the watch parameters, registers a
 * {@link WatchStream} with the store, and schedules its bookmarks and timeout.
 *
 * <p>Transport: a WebSocket upgrade (what fabric8 and Kopf use) gets a live stream of
 * WebSocket messages; a plain HTTP watch (kubectl's {@code get --watch}, fabric8's
 * {@code onlyHttpWatches}) gets a live stream of HTTP chunks, one event per line, through
 * {@link HttpTransport}. Both end on a timeout, an error, or when the client goes away.
 */
final class WatchEndpoint {
    private static final Logger logger = LoggerFactory.getLogger(WatchEndpoint.class);

    private final ObjectStore store;
    private final Executor delivery;
    private final ScheduledExecutorService scheduler;
    private final Duration bookmarkInterval;

    WatchEndpoint(ObjectStore store, Executor delivery, ScheduledExecutorService scheduler,
            Duration bookmarkInterval) {
        this.store = store;
        this.delivery = delivery;
        this.scheduler = scheduler;
        this.bookmarkInterval = bookmarkInterval;
    }

    MockResponse handle(ApiRequest request, ApiPath path, ResourceType type) {
        Selection selection = ResourceEndpoint.selection(request, path);
        if (path.name() != null) {
            // A watch on one object is a watch on its collection restricted by name.
            selection = new Selection(selection.namespace(), selection.labels(),
                    FieldSelector.parse(fieldSelectorWithName(request, path.name())));
        }
        boolean initialEvents = request.flag("sendInitialEvents");
        WatchSpec spec = new WatchSpec(type, selection, request.flag("allowWatchBookmarks"),
                initialEvents);
        Long fromVersion = initialEvents ? null : fromVersion(request.parameter(
                "resourceVersion"));
        long timeoutSeconds = timeoutSeconds(request.parameter("timeoutSeconds"));
        if (request.webSocket()) {
            return new MockResponse().withWebSocketUpgrade(
                    new StreamListener(spec, fromVersion, timeoutSeconds));
        }
        return new StreamingResponse(sink -> {
            WatchStream stream = new WatchStream(spec, sink, delivery);
            start(stream, fromVersion, timeoutSeconds);
            return stream::close;
        });
    }

    /**
     * Starts a watch stream: subscribes it to the store (which sends the initial events or
     * the history after {@code fromVersion}), and schedules its bookmarks and its timeout. An
     * expired {@code fromVersion} ends it with an ERROR event.
     */
    private void start(WatchStream opened, Long fromVersion, long timeoutSeconds) {
        WatchSpec spec = opened.spec();
        try {
            store.subscribe(opened, fromVersion);
        } catch (ApiStatusException e) {
            opened.fail(e);
            return;
        }
        List<ScheduledFuture<?>> timers = new ArrayList<>();
        if (spec.bookmarks()) {
            long millis = bookmarkInterval.toMillis();
            timers.add(scheduler.scheduleAtFixedRate(() -> store.bookmark(opened), millis,
                    millis, TimeUnit.MILLISECONDS));
        }
        if (timeoutSeconds > 0) {
            timers.add(scheduler.schedule(opened::finish, timeoutSeconds, TimeUnit.SECONDS));
        }
        opened.onClose(() -> timers.forEach(timer -> timer.cancel(false)));
    }

    private static String fieldSelectorWithName(ApiRequest request, String name) {
        String given = request.parameter("fieldSelector");
        String byName = "metadata.name=" + name;
        return given == null || given.isBlank() ? byName : given + "," + byName;
    }

    /** {@code null} for "start with the current state"; a number to resume after. */
    private static Long fromVersion(String resourceVersion) {
        if (resourceVersion == null || resourceVersion.isEmpty() || resourceVersion.equals("0")) {
            return null;
        }
        try {
            return Long.parseLong(resourceVersion);
        } catch (NumberFormatException e) {
            throw ApiStatusException.badRequest("invalid resource version: " + resourceVersion);
        }
    }

    private static long timeoutSeconds(String timeout) {
        if (timeout == null || timeout.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(timeout);
        } catch (NumberFormatException e) {
            throw ApiStatusException.badRequest("timeoutSeconds must be an integer: " + timeout);
        }
    }

    /** Sends frames as WebSocket text messages, as the real server does for watches. */
    private static final class WebSocketSink implements WatchSink {
        private final WebSocket webSocket;

        WebSocketSink(WebSocket webSocket) {
            this.webSocket = webSocket;
        }

        @Override
        public boolean send(String frame) {
            return webSocket.send(frame);
        }

        @Override
        public void close() {
            webSocket.close(1000, "");
        }
    }

    /** Ties a WebSocket's lifecycle to a watch stream. */
    private final class StreamListener extends WebSocketListener {
        private final WatchSpec spec;
        private final Long fromVersion;
        private final long timeoutSeconds;
        private volatile WatchStream stream;

        StreamListener(WatchSpec spec, Long fromVersion, long timeoutSeconds) {
            this.spec = spec;
            this.fromVersion = fromVersion;
            this.timeoutSeconds = timeoutSeconds;
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            try {
                open(webSocket);
            } catch (RuntimeException | LinkageError e) {
                // Vert.x would only log "Unhandled exception" and leave the client waiting.
                logger.warn("Could not start a watch of {}; closing it.", spec.type().resource(),
                        e);
                webSocket.close(1011, "The watch could not be started.");
            }
        }

        private void open(WebSocket webSocket) {
            WatchStream opened = new WatchStream(spec, new WebSocketSink(webSocket), delivery);
            stream = opened;
            start(opened, fromVersion, timeoutSeconds);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            closeStream();
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            closeStream();
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
            closeStream();
        }

        private void closeStream() {
            WatchStream current = stream;
            if (current != null) {
                current.close();
            }
        }
    }
}
