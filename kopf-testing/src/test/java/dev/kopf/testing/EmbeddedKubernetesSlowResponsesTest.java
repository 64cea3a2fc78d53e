package dev.kopf.testing;

import static dev.kopf.testing.EmbeddedKubernetesFixtures.configMap;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.newNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Injected slowness: a matching request is served after its delay, handled only then, while
 * the server answers everything else, as an overloaded API server does.
 */
class EmbeddedKubernetesSlowResponsesTest extends EmbeddedKubernetesTestBase {
    private static final Duration DELAY = Duration.ofSeconds(3);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSlowWriteWithAStaleResourceVersionMeetsAConflict() throws Exception {
        String namespace = newNamespace(client);
        ConfigMap created = client.configMaps().inNamespace(namespace)
                .resource(configMap("cm", Map.of("v", "1"))).create();
        String path = "/api/v1/namespaces/" + namespace + "/configmaps/cm";
        server.slowNext("PATCH", path, 1, DELAY);

        CompletableFuture<HttpResponse<String>> slow = send("PATCH", path,
                "{\"metadata\":{\"resourceVersion\":\""
                        + created.getMetadata().getResourceVersion()
                        + "\"},\"data\":{\"v\":\"slow\"}}");
        // A PUT, not a PATCH: the write meant to be fast must not be the one held, whichever
        // of the two requests reaches the server first.
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder(created)
                .addToData("v", "fast").build()).update();

        HttpResponse<String> answer = slow.get(30, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.body()).contains("\"reason\":\"Conflict\"");
        assertThat(client.configMaps().inNamespace(namespace).withName("cm").get().getData())
                .containsEntry("v", "fast");
    }

    @Test
    void onlyTheGivenNumberOfMatchingRequestsAreSlow() throws Exception {
        String namespace = newNamespace(client);
        client.configMaps().inNamespace(namespace).resource(configMap("cm", Map.of("v", "1")))
                .create();
        String path = "/api/v1/namespaces/" + namespace + "/configmaps/cm";
        server.slowNext("GET", path, 2, DELAY);

        CompletableFuture<HttpResponse<String>> first = send("GET", path, null);
        CompletableFuture<HttpResponse<String>> second = send("GET", path, null);
        first.get(30, TimeUnit.SECONDS);
        second.get(30, TimeUnit.SECONDS);
        // Both were held: a third one, sent now, is answered while a held one would not be.
        server.slowNext("GET", "/api/v1/namespaces/" + namespace + "/configmaps/other", 1,
                Duration.ofSeconds(10));
        CompletableFuture<HttpResponse<String>> held = send("GET",
                "/api/v1/namespaces/" + namespace + "/configmaps/other", null);
        assertThat(send("GET", path, null).get(30, TimeUnit.SECONDS).statusCode())
                .isEqualTo(200);
        assertThat(held).isNotDone();
        held.cancel(true);
    }

    @Test
    void watchesOverWebSocketAreNeverHeldAndTheSlowGetIsLeftForTheNextRead()
            throws Exception {
        String namespace = newNamespace(client);
        String path = "/api/v1/namespaces/" + namespace + "/configmaps";
        server.slowNext("GET", path, 1, DELAY);
        java.util.concurrent.BlockingQueue<String> names =
                new java.util.concurrent.LinkedBlockingQueue<>();
        try (var watch = client.configMaps().inNamespace(namespace).watch(
                new io.fabric8.kubernetes.client.Watcher<ConfigMap>() {
                    @Override
                    public void eventReceived(Action action, ConfigMap resource) {
                        names.add(resource.getMetadata().getName());
                    }

                    @Override
                    public void onClose(io.fabric8.kubernetes.client.WatcherException cause) {
                    }
                })) {
            client.configMaps().inNamespace(namespace).resource(configMap("seen", Map.of()))
                    .create();
            assertThat(names.poll(30, TimeUnit.SECONDS)).isEqualTo("seen");
        }
        CompletableFuture<HttpResponse<String>> list = send("GET", path, null);
        client.configMaps().inNamespace(namespace).resource(configMap("later", Map.of()))
                .create();
        assertThat(list.get(30, TimeUnit.SECONDS).body()).contains("\"later\"");
    }

    @Test
    void aCountOrDelayThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> server.slowNext("GET", ".*", 0, DELAY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count must be >= 1: 0");
        assertThatThrownBy(() -> server.slowNext("GET", ".*", 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delay must be positive: PT0S");
    }

    private CompletableFuture<HttpResponse<String>> send(String method, String path,
            String mergePatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path));
        if (mergePatch == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/merge-patch+json")
                    .method(method, HttpRequest.BodyPublishers.ofString(mergePatch));
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
