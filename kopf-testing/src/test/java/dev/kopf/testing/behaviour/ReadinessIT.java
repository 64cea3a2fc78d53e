package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kopf.Index;
import dev.kopf.Meta;
import dev.kopf.OnCreate;
import dev.kopf.Operator;
import dev.kopf.testing.EmbeddedKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The readiness endpoint: ready only once every watch stream has listed and the indexes are
 * complete, and not while a stream is disconnected and re-listing. Liveness stays Kopf's.
 */
class ReadinessIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
    }

    /** An index, so that readiness also waits for the indexes. */
    public static class IndexedHandlers {
        @Index("kopfexamples.kopf.dev")
        public Object byName(Meta meta) {
            return meta.name();
        }

        @OnCreate("kopfexamples.kopf.dev")
        public void createFn() {
        }
    }

    @Test
    void readyOnlyAfterADelayedListingHasSucceeded() throws Exception {
        assumeTrue(TestCluster.isEmbedded(), "faults are injected into the embedded server");
        EmbeddedKubernetes server = TestCluster.server();
        TestCluster.create(TestCluster.newName("ready"), java.util.Map.of());
        server.clearCalls();
        String listing = ".*/namespaces/" + TestCluster.NAMESPACE + "/kopfexamples";
        // Two refusals: when the first is seen, the second still holds the listing back.
        server.failNext("GET", listing, 403, "Not yet allowed.");
        server.failNext("GET", listing, 403, "Not yet allowed.");
        String url = "http://127.0.0.1:" + freePort() + "/readyz";
        try (Operator operator = operator(TestCluster.client(), url)) {
            operator.start();
            eventually(() -> server.calls().stream().anyMatch(call -> call.code() == 403
                    && call.path().endsWith("/kopfexamples")));

            assertThat(status(url)).isEqualTo(503);
            assertThat(body(url)).isEqualTo("{\"ready\":false}");
            assertThat(operator.awaitReady(WAIT)).isTrue();
            eventually(() -> status(url) == 200);
            assertThat(body(url)).isEqualTo("{\"ready\":true}");
        }
    }

    @Test
    void notReadyWhileTheStreamIsDisconnectedAndReadyAgainOnceReconnected() throws Exception {
        assumeTrue(TestCluster.isEmbedded(), "the API server is stopped and started again");
        EmbeddedKubernetes first = EmbeddedKubernetes.start();
        int port = URI.create(first.url()).getPort();
        installCrd(first);
        String url = "http://127.0.0.1:" + freePort() + "/readyz";
        EmbeddedKubernetes second = null;
        try (KubernetesClient client = first.newClient();
                Operator operator = operator(client, url)) {
            operator.start();
            assertThat(operator.awaitReady(WAIT)).isTrue();
            eventually(() -> status(url) == 200);

            first.close();
            eventually(() -> status(url) == 503);
            second = EmbeddedKubernetes.start(port);
            installCrd(second);
            eventually(() -> status(url) == 200);
        } finally {
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }

    private static Operator operator(KubernetesClient client, String readiness) {
        return Operator.builder().client(client).handlers(IndexedHandlers.class)
                .namespaces(java.util.List.of(TestCluster.NAMESPACE))
                .settings(TestCluster.fastSettings()).readiness(readiness).build();
    }

    private static void installCrd(EmbeddedKubernetes server) throws IOException {
        try (KubernetesClient client = server.newClient();
                var crd = java.nio.file.Files.newInputStream(Path.of("../examples/crd.yaml"))) {
            client.resource(crd).create();
        }
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            // Not listening (yet, or any more): as unready as it gets.
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String body(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Waits until the condition holds, checking it every 20 ms, as Awaitility does. */
    private static void eventually(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("The condition did not hold within " + WAIT + ".");
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
