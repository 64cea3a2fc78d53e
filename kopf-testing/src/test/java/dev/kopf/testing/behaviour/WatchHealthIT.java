package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kopf.OnCreate;
import dev.kopf.OperatorSettings;
import dev.kopf.WatchingSettings;
import dev.kopf.testing.KopfRunner;
import dev.kopf.testing.RecordedCall;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watch settings take effect on the operator's streams: the server timeout is asked
 * for, streams are resumed after the client and inactivity timeouts, bookmarks are asked for,
 * and failures are retried after the error backoffs; the streams are plain HTTP watches.
 * Read from the embedded server's calls.
 */
class WatchHealthIT {

    private static final String LABEL = "kopf-java-watch-health";
    private final String namespace = TestCluster.newName("kopf-watch");

    public static class Handlers {
        @OnCreate(value = "configmaps", labels = LABEL)
        public void createFn() {
        }
    }

    @BeforeEach
    void createNamespace() {
        assumeTrue(TestCluster.isEmbedded(), "The requests are read from the embedded server.");
        client().namespaces().resource(new NamespaceBuilder().withNewMetadata()
                .withName(namespace).endMetadata().build()).create();
        TestCluster.server().clearCalls();
    }

    @AfterEach
    void deleteNamespace() {
        client().namespaces().withName(namespace).delete();
    }

    @Test
    void theServerTimeoutIsAskedForAndEndedStreamsAreResumed() throws Exception {
        try (KopfRunner runner = start(w -> w.withServerTimeout(Duration.ofSeconds(1)))) {
            awaitWatches(2);
            assertThat(watches()).allSatisfy(call -> assertThat(call.query())
                    .contains("timeoutSeconds=1").contains("allowWatchBookmarks=true"));
            assertHandled(runner, "after-server-timeout");
        }
    }

    @Test
    void theClientTimeoutEndsAndResumesStreamsFromTheLastVersion() throws Exception {
        try (KopfRunner runner = start(w -> w.withClientTimeout(Duration.ofMillis(500)))) {
            awaitWatches(3);
            assertThat(watches()).allSatisfy(call -> assertThat(call.query())
                    .contains("resourceVersion=").doesNotContain("timeoutSeconds"));
            assertHandled(runner, "after-client-timeout");
        }
    }

    @Test
    void aStreamQuietForLongerThanTheInactivityTimeoutIsResumed() throws Exception {
        // Quieter than the embedded server's bookmarks (one per second): presumed frozen.
        try (KopfRunner runner = start(w -> w.withInactivityTimeout(Duration.ofMillis(200)))) {
            awaitWatches(3);
            assertHandled(runner, "after-inactivity");
        }
    }

    @Test
    void theStreamsAreChunkedHttpResponsesNotWebSockets() throws Exception {
        // fabric8's WebSocket client can lose a message sent right after the upgrade (an
        // event replayed to a resumed stream): the streams are plain HTTP watches, answered
        // 200 rather than 101 Switching Protocols, even when the operator's client has
        // fabric8's default of WebSocket watches.
        try (KubernetesClient defaults = TestCluster.server().newClient();
                KopfRunner runner = KopfRunner.builder().client(defaults)
                        .handlers(Handlers.class).namespaces(namespace)
                        .settings(TestCluster.fastSettings()).start()) {
            assertThat(defaults.getConfiguration().isOnlyHttpWatches()).isFalse();
            assertThat(runner.awaitReady(WAIT)).isTrue();
            awaitWatches(1);
            assertHandled(runner, "over-http");
            assertThat(watches()).isNotEmpty()
                    .allSatisfy(call -> assertThat(call.code()).isEqualTo(200));
        }
    }

    @Test
    void aForbiddenListingIsRetriedAfterTheErrorBackoffsAndSaidOnce() throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            TestCluster.server().failNext("GET", "/api/v1/namespaces/" + namespace
                    + "/configmaps", 403, "configmaps is forbidden");
        }
        OperatorSettings settings = TestCluster.fastSettings().toBuilder()
                .networking(n -> n.withErrorBackoffs(List.of(0))).build();
        try (KopfRunner runner = KopfRunner.builder().client(client()).handlers(Handlers.class)
                .namespaces(namespace).settings(settings).start()) {
            assertThat(runner.awaitReady(WAIT)).isTrue();
            assertHandled(runner, "after-failure");
            assertThat(runner.output().split("failed and will be retried in 0 ms", -1))
                    .hasSize(2);
            assertThat(listings()).isEqualTo(4);
        }
    }

    private KopfRunner start(UnaryOperator<WatchingSettings> watching)
            throws InterruptedException {
        OperatorSettings settings = TestCluster.fastSettings().toBuilder().watching(watching)
                .build();
        KopfRunner runner = KopfRunner.builder().client(client()).handlers(Handlers.class)
                .namespaces(namespace).settings(settings).start();
        assertThat(runner.awaitReady(WAIT)).isTrue();
        return runner;
    }

    private void assertHandled(KopfRunner runner, String name) throws InterruptedException {
        client().configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                .withNewMetadata().withName(name).addToLabels(LABEL, "yes").endMetadata()
                .build()).create();
        assertThat(runner.awaitOutput("[" + namespace + "/" + name + "] Creation is processed",
                WAIT)).isTrue();
    }

    private List<RecordedCall> watches() {
        return TestCluster.server().calls().stream()
                .filter(call -> call.method().equals("GET")
                        && call.path().equals("/api/v1/namespaces/" + namespace + "/configmaps")
                        && call.query() != null && call.query().contains("watch=true"))
                .toList();
    }

    private long listings() {
        return TestCluster.server().calls().stream()
                .filter(call -> call.method().equals("GET")
                        && call.path().equals("/api/v1/namespaces/" + namespace + "/configmaps")
                        && (call.query() == null || !call.query().contains("watch=true")))
                .count();
    }

    private void awaitWatches(int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (watches().size() < count) {
            if (System.nanoTime() > deadline) {
                fail("Timed out waiting for " + count + " watch requests: " + watches());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
