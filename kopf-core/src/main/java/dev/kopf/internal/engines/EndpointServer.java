package dev.kopf.internal.engines;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.kopf.internal.concurrent.Threads;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's HTTP endpoints (liveness, readiness, metrics) on as few JDK HTTP servers
 * as their URLs allow: endpoints with the same host and port share one server, each on its
 * own path. Started and stopped by the reactor; its threads never touch the objects'
 * workers.
 */
public final class EndpointServer implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger("kopf.engines.probing");
    /** The content type of Prometheus' text exposition format. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    /**
     * One endpoint.
     *
     * @param what what is served, for the log: e.g. {@code health status}
     * @param url where it is served, {@code http://host:port/path}
     * @param handler what answers there
     */
    public record Route(String what, String url, HttpHandler handler) {
    }

    private final List<HttpServer> servers;
    private final ExecutorService threads;

    private EndpointServer(List<HttpServer> servers, ExecutorService threads) {
        this.servers = servers;
        this.threads = threads;
    }

    /**
     * Starts serving the routes, one server per host and port.
     *
     * @param routes the endpoints; the host defaults to {@code localhost}, the port to 80
     * @return the running servers
     * @throws UncheckedIOException when an address cannot be bound
     */
    public static EndpointServer start(List<Route> routes) {
        Map<InetSocketAddress, Map<String, Route>> byAddress = new LinkedHashMap<>();
        Map<InetSocketAddress, String> firstUrl = new LinkedHashMap<>();
        for (Route route : routes) {
            URI uri = HealthReporter.parse(route.url());
            String host = uri.getHost() == null ? "localhost" : uri.getHost();
            int port = uri.getPort() < 0 ? 80 : uri.getPort();
            String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
            InetSocketAddress address = new InetSocketAddress(host, port);
            byAddress.computeIfAbsent(address, a -> new LinkedHashMap<>())
                    .put(path, route);
            firstUrl.putIfAbsent(address, route.url());
        }
        ExecutorService threads = Threads.workers("kopf-probing", 2);
        List<HttpServer> servers = new ArrayList<>();
        try {
            for (var entry : byAddress.entrySet()) {
                HttpServer server = bind(entry.getKey(), firstUrl.get(entry.getKey()));
                servers.add(server);
                Map<String, Route> paths = Map.copyOf(entry.getValue());
                server.createContext("/", exchange -> dispatch(paths, exchange));
                server.setExecutor(threads);
                server.start();
                paths.forEach((path, route) -> logger.debug("Serving {} at http://{}:{}{}",
                        route.what(), entry.getKey().getHostString(),
                        server.getAddress().getPort(), path));
            }
        } catch (RuntimeException e) {
            servers.forEach(server -> server.stop(0));
            threads.shutdownNow();
            throw e;
        }
        return new EndpointServer(servers, threads);
    }

    /**
     * Checks an endpoint's URL: only {@code http://} with a host is served.
     *
     * @param what the endpoint, for the message: e.g. {@code readiness}
     * @param url the URL
     * @return the URL
     * @throws IllegalArgumentException naming the endpoint and the URL
     */
    public static String check(String what, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("The " + what + " endpoint is not an http:// URL: "
                    + url + ". Give e.g. http://0.0.0.0:8080/" + what + ".");
        }
        return url;
    }

    private static HttpServer bind(InetSocketAddress address, String url) {
        try {
            return HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serve the endpoint at " + url + ": "
                    + e.getMessage(), e);
        }
    }

    private static void dispatch(Map<String, Route> paths, HttpExchange exchange)
            throws IOException {
        Route route = paths.get(exchange.getRequestURI().getPath());
        if (route != null) {
            route.handler().handle(exchange);
            return;
        }
        try (exchange) {
            respond(exchange, 404, "application/json; charset=utf-8", "{\"error\":\"Not found.\"}");
        }
    }

    /**
     * Answers 200 with {@code {"ready": true}} while ready, else 503 with {@code false}.
     *
     * @param ready tells whether the operator is ready
     * @return the handler
     */
    public static HttpHandler readiness(BooleanSupplier ready) {
        return exchange -> {
            try (exchange) {
                if (!"GET".equals(exchange.getRequestMethod())) {
                    respond(exchange, 405, "application/json; charset=utf-8",
                            "{\"error\":\"Only GET is allowed.\"}");
                    return;
                }
                boolean value = ready.getAsBoolean();
                respond(exchange, value ? 200 : 503, "application/json; charset=utf-8",
                        "{\"ready\":" + value + "}");
            }
        };
    }

    /**
     * Answers 200 with a text, read at each request: a metrics scrape.
     *
     * @param text the text, e.g. a Prometheus registry's scrape
     * @return the handler
     */
    public static HttpHandler text(Supplier<String> text) {
        return exchange -> {
            try (exchange) {
                if (!"GET".equals(exchange.getRequestMethod())) {
                    respond(exchange, 405, "text/plain; charset=utf-8", "Only GET is allowed.\n");
                    return;
                }
                respond(exchange, 200, PROMETHEUS_TEXT, text.get());
            }
        };
    }

    private static void respond(HttpExchange exchange, int code, String type, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * Returns the port bound for a URL's host and port, e.g. when port 0 was asked for.
     *
     * @param index the server's index, in the order the routes named them first
     * @return the port
     */
    public int port(int index) {
        return servers.get(index).getAddress().getPort();
    }

    /** Stops serving at once. */
    @Override
    public void close() {
        servers.forEach(server -> server.stop(0));
        threads.shutdownNow();
    }
}
