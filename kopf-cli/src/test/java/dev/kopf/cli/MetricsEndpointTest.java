package dev.kopf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.cli.handlers.ExampleHandlers;
import dev.kopf.testing.KopfRunner;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kopf run --metrics URL --readiness URL}: a Prometheus scrape shows the handler
 * counts of the run, and liveness, readiness and metrics share one port.
 */
class MetricsEndpointTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path temp;

    @Test
    void theScrapeShowsTheHandlerCountsOfTheRunOnThePortSharedWithLiveness() throws Exception {
        String classes = ClassFolders.of(temp, ExampleHandlers.class).toString();
        String base = "http://127.0.0.1:" + freePort();
        try (KopfRunner runner = KopfRunner.run("run", "-A", "--embedded", "--verbose",
                "--apply", Resources.crd(), "--apply", Resources.obj(),
                "-L", base + "/healthz", "--readiness", base + "/readyz",
                "--metrics", base + "/metrics", classes)) {
            assertThat(runner.awaitReady(WAIT)).isTrue();
            assertThat(runner.awaitOutput("Handler 'createFn' succeeded.", WAIT)).isTrue();

            // The call is counted when the handler returns, just after it logs its success.
            HttpResponse<String> scrape = scrapeUntil(base + "/metrics",
                    "kopf_handler_duration_seconds_bucket{");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type"))
                    .hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(scrape.body())
                    .contains("kopf_handler_calls_total{cause=\"create\",handler=\"createFn\","
                            + "outcome=\"success\",resource=\"kopfexamples.v1.kopf.dev\"} 1.0")
                    .contains("kopf_handler_duration_seconds_bucket{")
                    .contains("kopf_api_requests_total{code=\"200\",resource=\"kopfexamples\","
                            + "verb=\"list\"}")
                    .contains("kopf_workers_busy ");
            assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
            assertThat(get(base + "/readyz").body()).isEqualTo("{\"ready\":true}");
            assertThat(get(base + "/other").statusCode()).isEqualTo(404);
            assertThat(runner.output()).contains("Serving metrics at " + base + "/metrics")
                    .contains("Serving readiness at " + base + "/readyz")
                    .contains("Serving health status at " + base + "/healthz");
        }
    }

    @Test
    void aMetricsUrlThatIsNotHttpIsAUsageError() throws IOException {
        Environment noCluster = Environment.of(Map.of("HOME", temp.toString(),
                "KUBECONFIG", temp.resolve("missing-kubeconfig").toString()), temp, temp);
        CliResult result = CliResult.execute(noCluster, "run", "-A", "--metrics",
                "ftp://0.0.0.0:9090/metrics");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Invalid value for --metrics: The metrics endpoint "
                + "is not an http:// URL: ftp://0.0.0.0:9090/metrics. Give e.g. "
                + "http://0.0.0.0:8080/metrics.");
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

    private static HttpResponse<String> scrapeUntil(String url, String expected)
            throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plus(WAIT);
        HttpResponse<String> scrape = get(url);
        while (!scrape.body().contains(expected) && java.time.Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
            scrape = get(url);
        }
        return scrape;
    }
}
