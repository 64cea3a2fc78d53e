package dev.kopf.testing.internal.apiserver;

import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.vertx.ServerWebSocketHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The HTTP and WebSocket transport of the embedded API server: a Vert.x HTTP server that
 * hands each request to the {@link Dispatcher} as fabric8's mock web server does, and that
 * also streams {@link StreamingResponse}s, which the mock web server cannot (its responses
 * are complete bodies). Used by {@link ApiServer}; plain HTTP watches (kubectl's
 * {@code get --watch}) are its reason to exist.
 */
final class HttpTransport {

    private static final List<String> WEBSOCKET_SUBPROTOCOLS = List.of(
            "v1.channel.k8s.io", "v2.channel.k8s.io", "v3.channel.k8s.io", "v4.channel.k8s.io");
    private static final long TIMEOUT_SECONDS = 30;

    private final Vertx vertx = Vertx.vertx();
    private final Dispatcher dispatcher;
    private volatile HttpServer server;
    private volatile String host = "127.0.0.1";
    private volatile java.util.function.BooleanSupplier offload = () -> false;
    private volatile java.util.function.ToLongBiFunction<String, String> delays = (m, p) -> 0;

    HttpTransport(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * Serves requests on worker threads while the condition holds (webhooks are configured):
     * an admission call must not block the event loop that the webhook's own API calls use.
     */
    void offloadWhen(java.util.function.BooleanSupplier condition) {
        this.offload = condition;
    }

    /**
     * Holds each request for the milliseconds the function answers (method, path) before
     * dispatching it, on a timer, so that the event loop serves the others meanwhile.
     */
    void delayBy(java.util.function.ToLongBiFunction<String, String> delay) {
        this.delays = delay;
    }

    /** Starts listening; {@code port} 0 picks a free one. */
    void start(String host, int port) {
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
                .setWebSocketSubProtocols(WEBSOCKET_SUBPROTOCOLS)
                .setHandle100ContinueAutomatically(true)
                .setHttp2ClearTextEnabled(true);
        HttpServer created = vertx.createHttpServer(options).requestHandler(this::handle);
        this.host = host;
        server = await(created.listen(), "Cannot start the embedded API server");
    }

    int port() {
        return server.actualPort();
    }

    /**
     * Stops listening and closes every connection, keeping the event loops for a later
     * {@link #start}: the server's process is down, its data is not.
     */
    void stopListening() {
        HttpServer listening = server;
        if (listening != null) {
            int port = listening.actualPort();
            await(listening.close(), "Cannot stop the embedded API server");
            awaitReleased(host, port);
        }
    }

    /**
     * Waits until the port is free. Vert.x completes a server's close before Netty has closed
     * its listening socket (about 1 stop in 100 still accepted a connection a millisecond
     * later), and a stopped server must refuse connections from the moment its stop returns.
     * Binding the port, rather than connecting to it, tells without making a connection that
     * the closing server would accept.
     */
    private static void awaitReleased(String host, int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(host, port), 1);
                return;
            } catch (BindException stillOpen) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Cannot stop the embedded API server: port "
                            + port + " is still bound " + TIMEOUT_SECONDS + " s after its close.",
                            stillOpen);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot stop the embedded API server: "
                        + e.getMessage(), e);
            }
        }
    }

    /** Stops listening, closes every connection, and stops the event loops. */
    void shutdown() {
        try {
            if (server != null) {
                await(server.close(), "Cannot stop the embedded API server");
            }
            dispatcher.shutdown();
        } finally {
            await(vertx.close(), "Cannot stop the embedded API server's event loops");
        }
    }

    private void handle(HttpServerRequest request) {
        request.resume();
        Future<Buffer> body = hasBody(request) ? request.body() : Future.succeededFuture();
        body.onFailure(e -> fail(request, e)).onSuccess(bytes -> {
            // A WebSocket upgrade cannot wait on a timer (Vert.x has answered it by then).
            long delay = request.headers().contains("Upgrade") ? 0
                    : delays.applyAsLong(request.method().name(), request.path());
            if (delay > 0) {
                vertx.setTimer(delay, timer -> respondIfOpen(request, bytes));
            } else {
                respond(request, bytes);
            }
        });
    }

    /** After a delay the client may have given up and closed the connection. */
    private void respondIfOpen(HttpServerRequest request, Buffer body) {
        try {
            respond(request, body);
        } catch (IllegalStateException e) {
            // The response is closed: nobody waits for it any more.
        }
    }

    private void respond(HttpServerRequest request, Buffer body) {
        RecordedRequest recorded = new RecordedRequest(
                request.version().alpnName().toUpperCase(Locale.ROOT),
                HttpMethod.fromVertx(request.method()), request.uri(),
                Headers.builder().addAll(request.headers()).build(),
                new io.fabric8.mockwebserver.http.Buffer(body == null ? null : body.getBytes()));
        // Only writes call webhooks; reads and watches (WebSocket upgrades) stay on the loop.
        if (request.method() != io.vertx.core.http.HttpMethod.GET && offload.getAsBoolean()) {
            vertx.executeBlocking(() -> dispatcher.dispatch(recorded), false)
                    .onFailure(e -> fail(request, e))
                    .onSuccess(response -> send(request, recorded, response));
            return;
        }
        send(request, recorded, dispatcher.dispatch(recorded));
    }

    private void send(HttpServerRequest request, RecordedRequest recorded,
            MockResponse response) {
        if (response.getWebSocketListener() != null) {
            request.toWebSocket().onFailure(e -> fail(request, e))
                    .onSuccess(new ServerWebSocketHandler(recorded, response));
            return;
        }
        HttpServerResponse out = request.response().setStatusCode(response.code());
        response.getHeaders().toMultimap().forEach((name, values) -> out.headers().add(name,
                values));
        if (response instanceof StreamingResponse streaming) {
            out.setChunked(true);
            // The client may go away at any time, even before the stream is open.
            AtomicBoolean gone = new AtomicBoolean();
            AtomicReference<Runnable> stop = new AtomicReference<>();
            out.closeHandler(ignored -> {
                gone.set(true);
                Runnable running = stop.get();
                if (running != null) {
                    running.run();
                }
            });
            Runnable running = streaming.open(new ChunkedSink(out));
            stop.set(running);
            if (gone.get()) {
                running.run();
            }
            return;
        }
        io.fabric8.mockwebserver.http.Buffer content = response.getBody();
        if (content == null || content.size() == 0) {
            out.end();
            return;
        }
        if (!out.headers().contains("Transfer-Encoding")) {
            out.headers().add("Content-Length", String.valueOf(content.size()));
        }
        out.send(Buffer.buffer(content.getBytes()));
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.headers().get("Content-Length");
        if (length != null && !length.isBlank()) {
            return Integer.parseInt(length.strip()) > 0;
        }
        return request.headers().contains("Content-Type");
    }

    private static void fail(HttpServerRequest request, Throwable error) {
        if (!request.response().headWritten()) {
            request.response().setStatusCode(500).setStatusMessage(String.valueOf(
                    error.getMessage())).send();
        }
    }

    private static <T> T await(Future<T> future, String message) {
        try {
            return future.toCompletionStage().toCompletableFuture()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(message + ": interrupted.", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(message + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes watch frames as HTTP chunks, one JSON event per line as the real server does.
     * A frame is sent once it is written to the connection, so a slow client slows its own
     * watch only; a client that stops reading for {@value #TIMEOUT_SECONDS} seconds, or that
     * has gone, ends the watch.
     */
    private static final class ChunkedSink implements WatchSink {
        private final HttpServerResponse response;
        private final AtomicBoolean closed = new AtomicBoolean();

        ChunkedSink(HttpServerResponse response) {
            this.response = response;
        }

        @Override
        public boolean send(String frame) {
            if (closed.get()) {
                return false;
            }
            try {
                response.write(Buffer.buffer(frame + "\n")).toCompletionStage()
                        .toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException | TimeoutException | IllegalStateException e) {
                return false;
            }
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                try {
                    response.end();
                } catch (IllegalStateException e) {
                    // Already ended or the connection is gone: nothing more to send.
                }
            }
        }
    }
}
