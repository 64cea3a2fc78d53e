package dev.kopf.testing;

import static dev.kopf.testing.EmbeddedKubernetesFixtures.DEADLINE;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.await;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.configMap;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.listening;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.newNamespace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.testing.EmbeddedKubernetesFixtures.Event;
import dev.kopf.testing.EmbeddedKubernetesFixtures.RecordingWatcher;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher.Action;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Item 11: concurrent writers and watchers, and a clean shutdown. */
// Watches are held open by try-with-resources without being referenced.
@SuppressWarnings("try")
class EmbeddedKubernetesConcurrencyTest {
    private static final int WRITERS = 16;
    private static final int OBJECTS_PER_WRITER = 40;

    @Test
    void concurrentWritersAndWatchersSeeEveryChangeInOrder() throws Exception {
        try (EmbeddedKubernetes server = EmbeddedKubernetes.start();
                KubernetesClient client = server.newClient()) {
            List<String> namespaces = List.of(newNamespace(client), newNamespace(client));
            var everywhere = new RecordingWatcher<ConfigMap>();
            var oneNamespace = new RecordingWatcher<ConfigMap>();
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            try (Watch all = client.configMaps().inAnyNamespace().watch(everywhere);
                    Watch one = client.configMaps().inNamespace(namespaces.get(0))
                            .watch(oneNamespace)) {
                List<Future<?>> futures = new ArrayList<>();
                for (int writer = 0; writer < WRITERS; writer++) {
                    int id = writer;
                    futures.add(writers.submit(() -> write(client, namespaces, id)));
                }
                for (Future<?> future : futures) {
                    future.get(DEADLINE.toSeconds() * 3, TimeUnit.SECONDS);
                }
                String last = client.configMaps().inAnyNamespace().list().getMetadata()
                        .getResourceVersion();

                List<Event<ConfigMap>> events = collectUntil(everywhere, last);
                assertThat(events).extracting(Event::version).isSorted().doesNotHaveDuplicates();
                Map<Action, Long> counts = events.stream().collect(Collectors.groupingBy(
                        Event::action, () -> new EnumMap<>(Action.class),
                        Collectors.counting()));
                int objects = WRITERS * OBJECTS_PER_WRITER;
                assertThat(counts).containsEntry(Action.ADDED, (long) objects)
                        .containsEntry(Action.MODIFIED, 2L * objects);

                List<Event<ConfigMap>> local = collectUntilAll(oneNamespace, objects / 2 * 3);
                assertThat(local).extracting(Event::version).isSorted();
                assertThat(local).extracting(event -> event.object().getMetadata().getNamespace())
                        .containsOnly(namespaces.get(0));
            } finally {
                writers.shutdownNow();
            }
        }
    }

    private static void write(KubernetesClient client, List<String> namespaces, int writer) {
        for (int i = 0; i < OBJECTS_PER_WRITER; i++) {
            String namespace = namespaces.get(i % namespaces.size());
            String name = "w" + writer + "-" + i;
            var configMaps = client.configMaps().inNamespace(namespace);
            configMaps.resource(configMap(name, Map.of("writer", "w" + writer))).create();
            configMaps.withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"data\":{\"step\":\"1\"}}");
            configMaps.withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"data\":{\"step\":\"2\"}}");
        }
    }

    private static List<Event<ConfigMap>> collectUntil(RecordingWatcher<ConfigMap> watcher,
            String resourceVersion) {
        List<Event<ConfigMap>> events = new ArrayList<>();
        long target = Long.parseLong(resourceVersion);
        while (events.isEmpty() || events.get(events.size() - 1).version() < target) {
            events.add(watcher.next());
        }
        return events;
    }

    private static List<Event<ConfigMap>> collectUntilAll(RecordingWatcher<ConfigMap> watcher,
            int count) {
        List<Event<ConfigMap>> events = new ArrayList<>();
        while (events.size() < count) {
            events.add(watcher.next());
        }
        return events;
    }

    @Test
    void closeStopsThePortTheThreadsAndTheWatches() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        EmbeddedKubernetes server = EmbeddedKubernetes.start();
        int port = URI.create(server.url()).getPort();
        try (KubernetesClient client = server.newClient()) {
            var recorder = new RecordingWatcher<ConfigMap>();
            client.configMaps().inNamespace("default").watch(recorder);
            client.configMaps().inNamespace("default").resource(configMap("last", Map.of()))
                    .create();
            recorder.expect(Action.ADDED, "last");
            assertThat(server.calls()).anyMatch(RecordedCall::isWatch);

            server.close();
            server.close();
        }
        assertThat(listening(port)).isFalse();
        await("the server's threads to end", () -> Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread))
                .noneMatch(thread -> thread.isAlive() && !thread.isDaemon()
                        || thread.getName().startsWith("kopf-apiserver-")));
    }
}
