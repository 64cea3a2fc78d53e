package dev.kopf.testing.internal.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Watch fan-out at the store level: writers never wait for watchers; order is kept. */
class ApiServerWatchFanoutTest {
    private static final Pattern VERSION = Pattern.compile("\"resourceVersion\":\"(\\d+)\"");
    private static final ResourceType CONFIG_MAPS = BuiltinResources.ALL.stream()
            .filter(type -> type.plural().equals("configmaps")).findFirst().orElseThrow();
    private static final ResourceType NAMESPACES = BuiltinResources.ALL.stream()
            .filter(type -> type.plural().equals("namespaces")).findFirst().orElseThrow();

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private ObjectStore store;

    @BeforeEach
    void createStore() {
        store = new ObjectStore(1000);
        store.create(NAMESPACES, WriteRules.prepareCreate(NAMESPACES, null, object("default")));
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private static ObjectNode object(String name) {
        ObjectNode node = JsonNodes.object();
        node.put("kind", name.equals("default") ? "Namespace" : "ConfigMap");
        JsonNodes.metadata(node).put("name", name);
        return node;
    }

    /** A sink that blocks on its first frame until released, like a peer that stopped reading. */
    private static final class StuckSink implements WatchSink {
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> frames = new CopyOnWriteArrayList<>();

        @Override
        public boolean send(String frame) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            frames.add(frame);
            return true;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aStuckWatcherDoesNotStallWritersAndLaterGetsEverythingInOrder() throws Exception {
        StuckSink sink = new StuckSink();
        WatchStream stream = new WatchStream(new WatchSpec(CONFIG_MAPS,
                Selection.everything(null), false, false), sink, pool);
        store.subscribe(stream, null);

        for (int i = 0; i < 2000; i++) {
            store.create(CONFIG_MAPS, WriteRules.prepareCreate(CONFIG_MAPS, "default",
                    object("cm-" + i)));
        }
        assertThat(sink.frames).isEmpty();

        sink.release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (sink.frames.size() < 2000 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(sink.frames).hasSize(2000);
        assertThat(sink.frames.stream().map(ApiServerWatchFanoutTest::version).toList())
                .isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aWatchFromBeforeTheHistoryIsExpired() {
        for (int i = 0; i < 5; i++) {
            store.create(CONFIG_MAPS, WriteRules.prepareCreate(CONFIG_MAPS, "default",
                    object("cm-" + i)));
        }
        WatchSpec spec = new WatchSpec(CONFIG_MAPS, Selection.everything(null), false, false);
        assertThat(store.initialEvents(spec, 1L)).hasSize(5);

        store.expireHistory();
        assertThatThrownBy(() -> store.initialEvents(spec, 1L))
                .isInstanceOfSatisfying(ApiStatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(410);
                    assertThat(e.reason()).isEqualTo("Expired");
                    assertThat(e.getMessage()).isEqualTo("too old resource version: 1 (6)");
                });
        assertThat(store.initialEvents(spec, 6L)).isEmpty();
    }

    @Test
    void aBoundedHistoryForgetsTheOldestChanges() {
        EventHistory history = new EventHistory(3);
        GroupResource resource = CONFIG_MAPS.resource();
        for (long version = 1; version <= 5; version++) {
            history.append(new ChangeEvent(ChangeEvent.Type.ADDED, resource, null,
                    new StoredObject(object("cm-" + version), version)));
        }
        assertThat(history.startVersion()).isEqualTo(2);
        assertThat(history.after(2, resource)).extracting(ChangeEvent::resourceVersion)
                .containsExactly(3L, 4L, 5L);
        assertThat(history.after(4, resource)).extracting(ChangeEvent::resourceVersion)
                .containsExactly(5L);
    }

    private static long version(String frame) {
        Matcher matcher = VERSION.matcher(frame);
        assertThat(matcher.find()).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
