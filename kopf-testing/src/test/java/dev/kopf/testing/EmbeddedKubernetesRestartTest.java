package dev.kopf.testing;

import static dev.kopf.testing.EmbeddedKubernetesFixtures.configMap;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.listening;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.newNamespace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The restart-with-data mode: a stop refuses connections, a restart serves the same data. */
class EmbeddedKubernetesRestartTest {

    @Test
    void aStoppedServerRefusesConnectionsAndARestartedOneServesTheSameObjects() throws Exception {
        try (EmbeddedKubernetes server = EmbeddedKubernetes.start();
             KubernetesClient client = noRetries(server)) {
            String namespace = newNamespace(client);
            ConfigMap kept = client.configMaps().inNamespace(namespace)
                    .resource(configMap("kept", Map.of("a", "b"))).create();
            String url = server.url();

            server.stop();
            assertThat(server.isRunning()).isFalse();
            assertThat(server.url()).isEqualTo(url);
            assertThat(listening(port(url))).isFalse();
            assertThatThrownBy(() -> client.configMaps().inNamespace(namespace)
                    .withName("kept").get()).isInstanceOf(KubernetesClientException.class);

            server.restart();
            assertThat(server.isRunning()).isTrue();
            assertThat(server.url()).isEqualTo(url);
            // A new client: the old one's pooled connections died with the stop.
            try (KubernetesClient after = noRetries(server)) {
                ConfigMap again = after.configMaps().inNamespace(namespace).withName("kept")
                        .get();
                assertThat(again.getMetadata().getResourceVersion())
                        .isEqualTo(kept.getMetadata().getResourceVersion());
                assertThat(again.getMetadata().getUid()).isEqualTo(kept.getMetadata().getUid());
                assertThat(again.getMetadata().getLabels()).containsEntry("a", "b");

                ConfigMap next = after.configMaps().inNamespace(namespace)
                        .resource(configMap("next", Map.of())).create();
                assertThat(Long.parseLong(next.getMetadata().getResourceVersion()))
                        .isGreaterThan(Long.parseLong(kept.getMetadata().getResourceVersion()));
            }
        }
    }

    @Test
    void aWatchEndsAtTheStopAndResumesFromItsLastVersionAfterTheRestart() throws Exception {
        try (EmbeddedKubernetes server = EmbeddedKubernetes.start();
             KubernetesClient client = noRetries(server)) {
            String namespace = newNamespace(client);
            ConfigMap first = client.configMaps().inNamespace(namespace)
                    .resource(configMap("first", Map.of())).create();
            CountDownLatch ended = new CountDownLatch(1);
            var watch = client.configMaps().inNamespace(namespace).watch(
                    new Recorder(new LinkedBlockingQueue<>(), ended));
            server.stop();
            assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();
            watch.close();

            server.restart();
            // A new client: the old one's pooled connections died with the stop, and this
            // client does not retry.
            try (KubernetesClient after = noRetries(server)) {
                ConfigMap second = after.configMaps().inNamespace(namespace)
                        .resource(configMap("second", Map.of())).create();
                BlockingQueue<String> names = new LinkedBlockingQueue<>();
                try (var resumed = after.configMaps().inNamespace(namespace)
                        .withResourceVersion(first.getMetadata().getResourceVersion())
                        .watch(new Recorder(names, new CountDownLatch(1)))) {
                    assertThat(names.poll(30, TimeUnit.SECONDS)).isEqualTo(
                            second.getMetadata().getName());
                }
            }
        }
    }

    @Test
    void stopAndRestartAreIdempotent() {
        EmbeddedKubernetes closed;
        try (EmbeddedKubernetes server = EmbeddedKubernetes.start();
             KubernetesClient client = server.newClient()) {
            closed = server;
            server.restart();
            server.stop();
            server.stop();
            server.restart();
            server.restart();
            assertThat(client.namespaces().withName("default").get()).isNotNull();
        }
        assertThat(closed.isRunning()).isFalse();
    }

    @Test
    void aStoppedServerCanBeClosedAndAClosedOneIsNotRestarted() {
        EmbeddedKubernetes server = EmbeddedKubernetes.start();
        server.stop();
        server.close();
        assertThatThrownBy(server::restart).isInstanceOf(IllegalStateException.class)
                .hasMessage("The embedded API server is closed; only a stopped one can be "
                        + "restarted.");
        assertThat(server.isRunning()).isFalse();
    }

    // Watches over plain HTTP: a resumed watch's replayed event is its first message, which
    // fabric8's Vert.x WebSocket client can lose (docs/limitations.md); this class tests the
    // restart, not the transport.
    private static KubernetesClient noRetries(EmbeddedKubernetes server) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(server.config())
                .withRequestRetryBackoffLimit(0).withWatchReconnectLimit(0)
                .withOnlyHttpWatches(true).build()).build();
    }

    private static int port(String url) {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    /** Records the names of added objects; counts down when the watch ends with an error. */
    private record Recorder(BlockingQueue<String> names, CountDownLatch ended)
            implements Watcher<ConfigMap> {
        @Override
        public void eventReceived(Action action, ConfigMap resource) {
            if (action == Action.ADDED) {
                names.add(resource.getMetadata().getName());
            }
        }

        @Override
        public void onClose(WatcherException cause) {
            ended.countDown();
        }

        @Override
        public void onClose() {
            ended.countDown();
        }

        @Override
        public boolean reconnecting() {
            return false;
        }
    }
}
