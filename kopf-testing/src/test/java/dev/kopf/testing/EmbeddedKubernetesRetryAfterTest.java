package dev.kopf.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Injected throttling says when to come back, as kube-apiserver's 429 does. */
class EmbeddedKubernetesRetryAfterTest extends EmbeddedKubernetesTestBase {

    @Test
    void anInjectedThrottlingCarriesRetryAfterInTheHeaderAndTheStatus() throws Exception {
        server.failNext("GET", "/api/v1/namespaces/default", 429, "Too many requests.",
                Duration.ofSeconds(3));

        HttpResponse<String> throttled = get("/api/v1/namespaces/default");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(throttled.body()).contains("\"reason\":\"TooManyRequests\"")
                .contains("\"retryAfterSeconds\":3").contains("Too many requests.");

        HttpResponse<String> next = get("/api/v1/namespaces/default");
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.headers().firstValue("Retry-After")).isEmpty();
    }

    @Test
    void aFaultWithoutRetryAfterSaysNone() throws Exception {
        server.failNext("GET", "/api/v1/namespaces/default", 503, "Injected outage.");

        HttpResponse<String> failed = get("/api/v1/namespaces/default");
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.headers().firstValue("Retry-After")).isEmpty();
        assertThat(failed.body()).doesNotContain("retryAfterSeconds");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url()
                + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
