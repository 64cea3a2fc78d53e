package dev.kopf.internal.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Endpoints with the same host and port share one server; each answers on its own path. */
class EndpointServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void readinessAndMetricsShareAServerAndOtherPathsAreNotFound() throws Exception {
        AtomicBoolean ready = new AtomicBoolean();
        try (EndpointServer server = EndpointServer.start(List.of(
                new EndpointServer.Route("readiness", "http://127.0.0.1:0/readyz",
                        EndpointServer.readiness(ready::get)),
                new EndpointServer.Route("metrics", "http://127.0.0.1:0/metrics",
                        EndpointServer.text(() -> "kopf_workers_busy 2.0\n"))))) {
            String base = "http://127.0.0.1:" + server.port(0);
            HttpResponse<String> unready = get(base + "/readyz");
            assertThat(unready.statusCode()).isEqualTo(503);
            assertThat(unready.body()).isEqualTo("{\"ready\":false}");
            ready.set(true);
            assertThat(get(base + "/readyz").statusCode()).isEqualTo(200);

            HttpResponse<String> scrape = get(base + "/metrics");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type"))
                    .hasValue(EndpointServer.PROMETHEUS_TEXT);
            assertThat(scrape.body()).isEqualTo("kopf_workers_busy 2.0\n");
            assertThat(get(base + "/readyz/more").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void differentPortsGetServersOfTheirOwn() throws Exception {
        String one = "http://127.0.0.1:" + freePort() + "/readyz";
        String two = "http://127.0.0.1:0/metrics";
        try (EndpointServer server = EndpointServer.start(List.of(
                new EndpointServer.Route("readiness", one, EndpointServer.readiness(() -> true)),
                new EndpointServer.Route("metrics", two, EndpointServer.text(() -> ""))))) {
            assertThat(get(one).statusCode()).isEqualTo(200);
            assertThat(server.port(0)).isEqualTo(URI.create(one).getPort());
            assertThat(server.port(1)).isNotEqualTo(server.port(0));
            assertThat(get("http://127.0.0.1:" + server.port(1) + "/metrics").statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void onlyGetIsAllowed() throws Exception {
        try (EndpointServer server = EndpointServer.start(List.of(new EndpointServer.Route(
                "metrics", "http://127.0.0.1:0/metrics", EndpointServer.text(() -> ""))))) {
            String url = "http://127.0.0.1:" + server.port(0) + "/metrics";
            HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void urlsOtherThanHttpSayWhichEndpointAndWhatToGive() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> EndpointServer.check("readiness", "https://0.0.0.0:8080/readiness"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The readiness endpoint is not an http:// URL: "
                        + "https://0.0.0.0:8080/readiness. Give e.g. "
                        + "http://0.0.0.0:8080/readiness.");
        assertThat(EndpointServer.check("metrics", "http://0.0.0.0:9090/metrics"))
                .isEqualTo("http://0.0.0.0:9090/metrics");
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
