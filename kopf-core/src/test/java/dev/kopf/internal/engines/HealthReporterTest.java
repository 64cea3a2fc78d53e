package dev.kopf.internal.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The liveness endpoint: Kopf's JSON document, 503 while not watching, 500 on failures. */
class HealthReporterTest {

    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private final AtomicInteger collections = new AtomicInteger();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private HealthReporter reporter;

    private HealthReporter start() {
        reporter = HealthReporter.start("http://127.0.0.1:0/healthz", () -> {
            if (failure.get() != null) {
                throw failure.get();
            }
            return Map.of("probe", collections.incrementAndGet());
        }, healthy::get, clock);
        return reporter;
    }

    @AfterEach
    void stop() {
        if (reporter != null) {
            reporter.close();
        }
    }

    private HttpResponse<String> get(String path, String method) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + reporter.port() + path))
                        .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheProbeResultsAndCachesThemForTenSeconds() throws Exception {
        start();

        assertThat(get("/healthz", "GET").body()).isEqualTo("{\"probe\":1}");
        now.set(Instant.EPOCH.plusSeconds(9));
        assertThat(get("/healthz", "GET").body()).isEqualTo("{\"probe\":1}");
        now.set(Instant.EPOCH.plusSeconds(10));
        HttpResponse<String> refreshed = get("/healthz", "GET");

        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(refreshed.body()).isEqualTo("{\"probe\":2}");
    }

    @Test
    void answers503WhileTheOperatorIsNotWatching() throws Exception {
        start();
        healthy.set(false);

        HttpResponse<String> response = get("/healthz", "GET");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"probe\":1}");
    }

    @Test
    void answers500WhenAProbeFails() throws Exception {
        start();
        failure.set(new ActivityException("Probe activity has failed: 1 handler failed."));

        HttpResponse<String> response = get("/healthz", "GET");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("Probe activity has failed");
    }

    @Test
    void servesOnlyGetOnItsPath() throws Exception {
        start();

        assertThat(get("/other", "GET").statusCode()).isEqualTo(404);
        assertThat(get("/healthz", "POST").statusCode()).isEqualTo(405);
    }

    @Test
    void acceptsOnlyHttpUrls() {
        assertThatThrownBy(() -> HealthReporter.parse("https://0.0.0.0:8080/healthz"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unsupported scheme of the liveness endpoint: "
                        + "https://0.0.0.0:8080/healthz. Only http:// is served, e.g. "
                        + "http://0.0.0.0:8080/healthz.");
        assertThat(HealthReporter.parse("http://:8080/healthz")).isNotNull();
    }
}
