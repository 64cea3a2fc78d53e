package dev.kopf.testing;

import static dev.kopf.testing.EmbeddedKubernetesFixtures.DEADLINE;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.configMap;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.newNamespace;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.since;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.version;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kopf.testing.EmbeddedKubernetesFixtures.Event;
import dev.kopf.testing.EmbeddedKubernetesFixtures.RecordingWatcher;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher.Action;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.http.WebSocket;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Item 8: watches, as fabric8 watchers and informers use them, and at the wire level. */
// Watches are held open by try-with-resources without being referenced.
@SuppressWarnings("try")
class EmbeddedKubernetesWatchTest extends EmbeddedKubernetesTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aWatchWithoutVersionStartsWithTheCurrentStateThenFollowsChanges() {
        String namespace = newNamespace(client);
        var configMaps = client.configMaps().inNamespace(namespace);
        configMaps.resource(configMap("a", Map.of())).create();
        configMaps.resource(configMap("b", Map.of())).create();
        var recorder = new RecordingWatcher<ConfigMap>();
        try (Watch watch = configMaps.watch(recorder)) {
            assertThat(List.of(recorder.next(), recorder.next()))
                    .extracting(event -> event.action() + " " + event.name())
                    .containsExactly("ADDED a", "ADDED b");
            configMaps.withName("a").edit(cm -> {
                cm.getData().put("more", "x");
                return cm;
            });
            Event<ConfigMap> modified = recorder.expect(Action.MODIFIED, "a");
            configMaps.withName("a").delete();
            Event<ConfigMap> deleted = recorder.expect(Action.DELETED, "a");
            assertThat(deleted.version()).isGreaterThan(modified.version());
            assertThat(deleted.object().getData()).containsEntry("more", "x");
        }
        var fromZero = new RecordingWatcher<ConfigMap>();
        try (Watch watch = configMaps.watch(since("0"), fromZero)) {
            fromZero.expect(Action.ADDED, "b");
        }
    }

    @Test
    void aWatchFromAVersionReplaysOnlyWhatCameAfter() {
        String namespace = newNamespace(client);
        var configMaps = client.configMaps().inNamespace(namespace);
        ConfigMap first = configMaps.resource(configMap("first", Map.of())).create();
        configMaps.resource(configMap("second", Map.of())).create();
        configMaps.withName("first").edit(cm -> {
            cm.getData().put("k", "v2");
            return cm;
        });
        var recorder = new RecordingWatcher<ConfigMap>();
        String since = first.getMetadata().getResourceVersion();
        try (Watch watch = configMaps.watch(since(since), recorder)) {
            recorder.expect(Action.ADDED, "second");
            recorder.expect(Action.MODIFIED, "first");
            configMaps.resource(configMap("third", Map.of())).create();
            recorder.expect(Action.ADDED, "third");
        }
    }

    @Test
    void aWatchFromAnExpiredVersionIsGone() throws Exception {
        String namespace = newNamespace(client);
        var configMaps = client.configMaps().inNamespace(namespace);
        ConfigMap old = configMaps.resource(configMap("old", Map.of())).create();
        configMaps.resource(configMap("newer", Map.of())).create();
        server.expireWatchHistory();

        var recorder = new RecordingWatcher<ConfigMap>();
        String since = old.getMetadata().getResourceVersion();
        try (Watch watch = configMaps.watch(since(since), recorder)) {
            WatcherException gone = recorder.closed.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertThat(gone).isNotNull();
            assertThat(gone.isHttpGone()).isTrue();
            assertThat(gone.getMessage()).contains("too old resource version: "
                    + old.getMetadata().getResourceVersion());
        }
    }

    @Test
    void bookmarksCarryOnlyTheResourceVersion() throws Exception {
        String namespace = newNamespace(client);
        ConfigMap created = client.configMaps().inNamespace(namespace)
                .resource(configMap("marked", Map.of())).create();
        try (RawWatch raw = RawWatch.open(client, "/api/v1/namespaces/" + namespace
                + "/configmaps?watch=true&allowWatchBookmarks=true")) {
            assertThat(raw.next().path("type").asText()).isEqualTo("ADDED");
            JsonNode first = raw.next();
            assertThat(first.path("type").asText()).isEqualTo("BOOKMARK");
            JsonNode object = first.path("object");
            assertThat(object.path("kind").asText()).isEqualTo("ConfigMap");
            assertThat(object.path("apiVersion").asText()).isEqualTo("v1");
            assertThat(object.path("metadata").size()).isEqualTo(1);
            assertThat(object.path("metadata").path("resourceVersion").asLong())
                    .isGreaterThanOrEqualTo(version(created));

            ConfigMap changed = client.configMaps().inNamespace(namespace).withName("marked")
                    .edit(cm -> {
                        cm.getData().put("k", "changed");
                        return cm;
                    });
            JsonNode later;
            do {
                later = raw.next();
            } while (!later.path("type").asText().equals("BOOKMARK"));
            assertThat(later.path("object").path("metadata").path("resourceVersion").asLong())
                    .isGreaterThanOrEqualTo(version(changed));
        }
    }

    @Test
    void timeoutSecondsEndsTheStream() throws Exception {
        try (RawWatch raw = RawWatch.open(client,
                "/api/v1/namespaces/default/configmaps?watch=1&timeoutSeconds=1")) {
            assertThat(raw.closed.get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1000);
        }
    }

    @Test
    void selectorsTurnChangesIntoAddedAndDeleted() {
        String namespace = newNamespace(client);
        var configMaps = client.configMaps().inNamespace(namespace);
        var recorder = new RecordingWatcher<ConfigMap>();
        try (Watch watch = configMaps.withLabel("tier", "front").watch(recorder)) {
            configMaps.resource(configMap("mover", Map.of("tier", "back"))).create();
            configMaps.withName("mover").edit(cm -> label(cm, "front"));
            recorder.expect(Action.ADDED, "mover");
            configMaps.withName("mover").edit(cm -> {
                cm.getData().put("k", "v2");
                return cm;
            });
            recorder.expect(Action.MODIFIED, "mover");
            ConfigMap moved = configMaps.withName("mover").edit(cm -> label(cm, "back"));
            Event<ConfigMap> left = recorder.expect(Action.DELETED, "mover");
            // As the apiserver's cacher: the previous content (which matched the selector),
            // at the resourceVersion of the change that made it leave.
            assertThat(left.object().getMetadata().getLabels()).containsEntry("tier", "front");
            assertThat(left.object().getMetadata().getResourceVersion())
                    .isEqualTo(moved.getMetadata().getResourceVersion());
            configMaps.resource(configMap("sentinel", Map.of("tier", "front"))).create();
            recorder.expect(Action.ADDED, "sentinel");
        }
        var byName = new RecordingWatcher<ConfigMap>();
        try (Watch watch = configMaps.withField("metadata.name", "sentinel").watch(byName)) {
            byName.expect(Action.ADDED, "sentinel");
        }
    }

    @Test
    void watchesCanSpanAllNamespaces() {
        String first = newNamespace(client);
        String second = newNamespace(client);
        var recorder = new RecordingWatcher<ConfigMap>();
        try (Watch watch = client.configMaps().inAnyNamespace().withLabel("everywhere")
                .watch(recorder)) {
            client.configMaps().inNamespace(first)
                    .resource(configMap("one", Map.of("everywhere", "yes"))).create();
            client.configMaps().inNamespace(second)
                    .resource(configMap("two", Map.of("everywhere", "yes"))).create();
            assertThat(List.of(recorder.next(), recorder.next()))
                    .extracting(event -> event.object().getMetadata().getNamespace())
                    .containsExactly(first, second);
        }
    }

    @Test
    void anInformerSeesAddsUpdatesAndDeletes() throws Exception {
        String namespace = newNamespace(client);
        var configMaps = client.configMaps().inNamespace(namespace);
        configMaps.resource(configMap("existing", Map.of())).create();
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        SharedIndexInformer<ConfigMap> informer = configMaps.inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap obj) {
                seen.add("add " + obj.getMetadata().getName());
            }

            @Override
            public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
                if (!oldObj.getMetadata().getResourceVersion()
                        .equals(newObj.getMetadata().getResourceVersion())) {
                    seen.add("update " + newObj.getMetadata().getName());
                }
            }

            @Override
            public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
                seen.add("delete " + obj.getMetadata().getName());
            }
        });
        try {
            assertThat(take(seen)).isEqualTo("add existing");
            configMaps.resource(configMap("fresh", Map.of())).create();
            assertThat(take(seen)).isEqualTo("add fresh");
            configMaps.withName("fresh").edit(cm -> label(cm, "x"));
            assertThat(take(seen)).isEqualTo("update fresh");
            configMaps.withName("existing").delete();
            assertThat(take(seen)).isEqualTo("delete existing");
        } finally {
            informer.close();
        }
    }

    @Test
    void aStreamingListInformerGetsItsInitialStateFromTheWatch() throws Exception {
        String namespace = newNamespace(client);
        client.configMaps().inNamespace(namespace).resource(configMap("streamed", Map.of()))
                .create();
        server.clearCalls();
        try (KubernetesClient watchListClient = new KubernetesClientBuilder().withConfig(
                new ConfigBuilder(server.config()).withWatchList(true).build()).build()) {
            BlockingQueue<String> added = new LinkedBlockingQueue<>();
            SharedIndexInformer<ConfigMap> informer = watchListClient.configMaps()
                    .inNamespace(namespace).inform(new ResourceEventHandler<>() {
                        @Override
                        public void onAdd(ConfigMap obj) {
                            added.add(obj.getMetadata().getName());
                        }

                        @Override
                        public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
                        }

                        @Override
                        public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
                        }
                    });
            try {
                assertThat(take(added)).isEqualTo("streamed");
            } finally {
                informer.close();
            }
        }
        assertThat(server.calls()).filteredOn(call -> call.path().endsWith("/configmaps"))
                .isNotEmpty()
                .allSatisfy(call -> assertThat(call.query()).contains("sendInitialEvents=true"));
    }

    @Test
    void aPlainHttpWatchStreamsEventsAsTheyHappen() throws Exception {
        String namespace = newNamespace(client);
        client.configMaps().inNamespace(namespace).resource(configMap("listed", Map.of()))
                .create();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<java.util.stream.Stream<String>> response = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url()
                        + "/api/v1/namespaces/" + namespace + "/configmaps?watch=true"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        try (java.util.stream.Stream<String> lines = response.body()) {
            java.util.Iterator<String> events = lines.iterator();
            JsonNode listed = JSON.readTree(events.next());
            assertThat(listed.path("type").asText()).isEqualTo("ADDED");
            assertThat(listed.path("object").path("metadata").path("name").asText())
                    .isEqualTo("listed");

            // The response is still open: a later change arrives on it.
            client.configMaps().inNamespace(namespace).resource(configMap("later", Map.of()))
                    .create();
            JsonNode later = JSON.readTree(events.next());
            assertThat(later.path("type").asText()).isEqualTo("ADDED");
            assertThat(later.path("object").path("metadata").path("name").asText())
                    .isEqualTo("later");
        }
    }

    @Test
    void aPlainHttpWatchEndsAtItsTimeout() throws Exception {
        String namespace = newNamespace(client);
        client.configMaps().inNamespace(namespace).resource(configMap("listed", Map.of()))
                .create();
        String body = EmbeddedKubernetesFixtures.http(client, "GET", "/api/v1/namespaces/"
                + namespace + "/configmaps?watch=true&timeoutSeconds=1", null, null).body();
        assertThat(body.lines()).hasSize(1).allSatisfy(line -> assertThat(
                JSON.readTree(line).path("object").path("metadata").path("name").asText())
                .isEqualTo("listed"));
    }

    private static ConfigMap label(ConfigMap configMap, String tier) {
        Map<String, String> labels = new HashMap<>(configMap.getMetadata().getLabels());
        labels.put("tier", tier);
        configMap.getMetadata().setLabels(labels);
        return configMap;
    }

    private static String take(BlockingQueue<String> queue) throws InterruptedException {
        String item = queue.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        if (item == null) {
            fail("Timed out waiting for an informer callback.");
        }
        return item;
    }

    /** A watch read frame by frame over a WebSocket, through the fabric8 client's transport. */
    private static final class RawWatch implements WebSocket.Listener, AutoCloseable {
        private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private WebSocket webSocket;

        static RawWatch open(KubernetesClient client, String path) throws Exception {
            RawWatch watch = new RawWatch();
            URI uri = WebSocket.toWebSocketUri(URI.create(client.getMasterUrl().toString()
                    .replaceAll("/$", "") + path));
            watch.webSocket = client.getHttpClient().newWebSocketBuilder().uri(uri)
                    .buildAsync(watch).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            return watch;
        }

        @Override
        public void onOpen(WebSocket socket) {
            socket.request();
        }

        @Override
        public void onMessage(WebSocket socket, String text) {
            frames.add(text);
            socket.request();
        }

        @Override
        public void onMessage(WebSocket socket, ByteBuffer bytes) {
            frames.add(StandardCharsets.UTF_8.decode(bytes).toString());
            socket.request();
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason) {
            closed.complete(code);
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.completeExceptionally(error);
        }

        JsonNode next() throws Exception {
            String frame = frames.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                fail("Timed out waiting for a watch frame.");
            }
            return JSON.readTree(frame);
        }

        @Override
        public void close() {
            webSocket.sendClose(1000, "done");
        }
    }
}
