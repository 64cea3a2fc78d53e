package dev.kopf.internal.engines;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kopf.internal.concurrent.Threads;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The liveness endpoint, as Kopf's {@code probing.health_reporter}: {@code GET} on the
 * configured path answers the JSON document of the probe results ({@code {}} without
 * probes), collected at most once per 10 seconds. Unlike Kopf, it answers 503 while the
 * operator is not watching (before the first listing, after a stop, while a watch stream is
 * down), and 500 when a probe fails.
 *
 * <p>Started and stopped by the reactor; served by the JDK's HTTP server on threads of its
 * own, which never touch the objects' workers.
 */
public final class HealthReporter implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger("kopf.engines.probing");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration MAX_AGE = Duration.ofSeconds(10);

    private final HttpServer server;
    private final ExecutorService threads;
    private final String path;
    private final Supplier<Map<String, Object>> probes;
    private final BooleanSupplier healthy;
    private final Clock clock;
    private Map<String, Object> cached;
    private Instant collected;

    private HealthReporter(HttpServer server, ExecutorService threads, String path,
            Supplier<Map<String, Object>> probes, BooleanSupplier healthy, Clock clock) {
        this.server = server;
        this.threads = threads;
        this.path = path;
        this.probes = probes;
        this.healthy = healthy;
        this.clock = clock;
    }

    /**
     * Starts serving.
     *
     * @param endpoint e.g. {@code http://0.0.0.0:8080/healthz}; the host defaults to
     *     {@code localhost}, the port to 80, as in Kopf
     * @param probes collects the probe results; may throw {@link ActivityException}
     * @param healthy tells whether the operator is watching
     * @param clock the clock for the cache
     * @return the running reporter
     * @throws IllegalArgumentException when the URL is not {@code http://}
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static HealthReporter start(String endpoint, Supplier<Map<String, Object>> probes,
            BooleanSupplier healthy, Clock clock) {
        URI uri = parse(endpoint);
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve the liveness endpoint at " + endpoint
                    + ": " + e.getMessage(), e);
        }
        ExecutorService threads = Threads.workers("kopf-probing", 2);
        HealthReporter reporter = new HealthReporter(server, threads, path, probes, healthy,
                clock);
        server.createContext("/", reporter::handle);
        server.setExecutor(threads);
        server.start();
        logger.debug("Serving health status at http://{}:{}{}", host,
                server.getAddress().getPort(), path);
        return reporter;
    }

    /**
     * Returns the liveness endpoint's handler alone, for a server it shares with other
     * endpoints.
     *
     * @param path the path it answers on
     * @param probes collects the probe results; may throw {@link ActivityException}
     * @param healthy tells whether the operator is watching
     * @param clock the clock for the cache
     * @return the handler
     */
    public static com.sun.net.httpserver.HttpHandler handler(String path,
            Supplier<Map<String, Object>> probes, BooleanSupplier healthy, Clock clock) {
        return new HealthReporter(null, null, path, probes, healthy, clock)::handle;
    }

    /**
     * Checks a liveness URL as Kopf does: only {@code http://} is served.
     *
     * @param endpoint the URL
     * @return the parsed URL
     * @throws IllegalArgumentException when it is not a usable {@code http://} URL
     */
    public static URI parse(String endpoint) {
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The liveness endpoint is not a URL: "
                    + endpoint + ". Give e.g. http://0.0.0.0:8080/healthz.", e);
        }
        if (!"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("Unsupported scheme of the liveness endpoint: "
                    + endpoint + ". Only http:// is served, e.g. http://0.0.0.0:8080/healthz.");
        }
        return uri;
    }

    /**
     * Returns the bound port, e.g. when 0 was asked for.
     *
     * @return the port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(path)) {
                respond(exchange, 404, Map.of("error", "Not found."));
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, Map.of("error", "Only GET is allowed."));
            } else {
                Map<String, Object> document;
                try {
                    document = collect();
                } catch (RuntimeException e) {
                    logger.error("Probing has failed: {}", e.getMessage());
                    respond(exchange, 500, Map.of("error", String.valueOf(e.getMessage())));
                    return;
                }
                respond(exchange, healthy.getAsBoolean() ? 200 : 503, document);
            }
        }
    }

    // One collection at a time; the results are reused for 10 seconds, as in Kopf.
    private synchronized Map<String, Object> collect() {
        Instant now = clock.instant();
        if (collected == null || !now.isBefore(collected.plus(MAX_AGE))) {
            cached = probes.get();
            collected = clock.instant();
        }
        return cached;
    }

    private static void respond(HttpExchange exchange, int code, Map<String, Object> document)
            throws IOException {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsString(document).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            bytes = ("{\"error\":\"The probe results are not serializable to JSON: "
                    + e.getOriginalMessage().replace("\"", "'") + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            code = 500;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops serving at once. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
