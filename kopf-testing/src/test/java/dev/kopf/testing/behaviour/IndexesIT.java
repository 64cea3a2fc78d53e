package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.NAMESPACE;
import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.await;
import static dev.kopf.testing.behaviour.TestCluster.awaitGone;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.example;
import static dev.kopf.testing.behaviour.TestCluster.mergePatch;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.operator;
import static dev.kopf.testing.behaviour.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.IndexOf;
import dev.kopf.IndexView;
import dev.kopf.Index;
import dev.kopf.Meta;
import dev.kopf.OnCreate;
import dev.kopf.OnProbe;
import dev.kopf.Operator;
import dev.kopf.Spec;
import dev.kopf.Timer;
import dev.kopf.testing.KopfRunner;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Indexes: complete before the first handler runs, followed on every change and deletion,
 * and read by handlers, timers and probes.
 */
class IndexesIT {

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
    }

    public static class IndexHandlers {
        @Index("kopfexamples.kopf.dev")
        public Map<String, String> byField(Spec spec, Meta meta) {
            return Map.of(String.valueOf(spec.get("field")), meta.name());
        }

        @Timer(value = "kopfexamples.kopf.dev", interval = 0.1)
        public List<String> peers(Spec spec,
                @IndexOf("byField") IndexView<String, String> index) {
            return index.get(String.valueOf(spec.get("field"))).stream().sorted().toList();
        }

        @OnProbe
        public Map<String, List<String>> fields(
                @IndexOf("byField") IndexView<String, String> index) {
            Map<String, List<String>> fields = new TreeMap<>();
            index.asMap().forEach((key, names) ->
                    fields.put(key, names.stream().sorted().toList()));
            return fields;
        }
    }

    /** Counted down by the first create handler: no index handler may see that happen. */
    static volatile CountDownLatch created = new CountDownLatch(1);

    public static class SlowIndexHandlers {
        @Index("kopfexamples.kopf.dev")
        public Map<String, String> byField(Spec spec, Meta meta) throws InterruptedException {
            if (meta.name().startsWith("slow")) {
                // Were a create handler to run before the indexes are complete, this would
                // return at once, and that handler would count 2 objects, not 3.
                created.await(1, TimeUnit.SECONDS);
            }
            return Map.of(String.valueOf(spec.get("field")), meta.name());
        }

        @OnCreate("kopfexamples.kopf.dev")
        public Map<String, Object> createFn(@IndexOf("byField") IndexView<String, String> index) {
            created.countDown();
            int objects = index.asMap().values().stream().mapToInt(Collection::size).sum();
            return Map.of("indexed", objects);
        }
    }

    @Test
    void theIndexIsCompleteBeforeTheFirstHandlerRuns() throws Exception {
        created = new CountDownLatch(1);
        List<String> names = List.of(newName("early"), newName("slow"), newName("early"));
        names.forEach(name -> create(name, Map.of("field", "same")));
        try (KopfRunner runner = operator(SlowIndexHandlers.class)) {
            for (String name : names) {
                assertThat(status(await(name, o -> status(o, "createFn") != null), "createFn"))
                        .isEqualTo(Map.of("indexed", 3));
            }
        }
    }

    @Test
    void anIndexFollowsChangesAndDeletionsAndIsReadByTimersAndProbes() throws Exception {
        String a = newName("a");
        String b = newName("b");
        String c = newName("c");
        String url = "http://127.0.0.1:" + freePort() + "/healthz";
        Operator operator = Operator.builder().client(TestCluster.client())
                .handlers(IndexHandlers.class).namespaces(List.of(NAMESPACE))
                .settings(TestCluster.fastSettings()).liveness(url).build();
        try (operator) {
            operator.start();
            assertThat(operator.awaitReady(WAIT)).isTrue();
            create(a, Map.of("field", "x"));
            create(b, Map.of("field", "x"));
            create(c, Map.of("field", "y"));
            await(a, o -> List.of(a, b).equals(status(o, "peers")));
            await(c, o -> List.of(c).equals(status(o, "peers")));

            mergePatch(c, "{\"spec\":{\"field\":\"x\"}}");
            await(a, o -> List.of(a, b, c).equals(status(o, "peers")));
            example(b).delete();
            awaitGone(b);
            await(a, o -> List.of(a, c).equals(status(o, "peers")));

            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(
                    "{\"fields\":{\"x\":[\"" + a + "\",\"" + c + "\"]}}");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
