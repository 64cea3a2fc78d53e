package dev.kopf.internal.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kopf.Resource;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The operator's merge patches, against a plain HTTP server that answers as told. */
class PatcherTest {

    private static final Resource EXAMPLES = new Resource("kopf.dev", "v1", "kopfexamples",
            "KopfExample", true, List.of(), List.of("status"));

    private final ExecutorService serverThreads = Executors.newCachedThreadPool();
    private HttpServer server;
    private KubernetesClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop(0);
        }
        serverThreads.shutdownNow();
    }

    @Test
    void thePatchIsOneMergePatchRequestAndItsAnswerTheResult() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        start(exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8);
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
                    + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
            answer(exchange, 200, "{\"metadata\":{\"name\":\"x\",\"resourceVersion\":\"7\"},"
                    + "\"status\":{\"createFn\":{\"message\":\"hello\"}}}");
        }, 64);

        Optional<Map<String, Object>> result = new Patcher(client).mergePatch(EXAMPLES,
                "default", "x", "status", Map.of("status", Map.of("createFn",
                        Map.of("message", "hello"))));

        assertThat(seen).containsExactly("PATCH /apis/kopf.dev/v1/namespaces/default/"
                + "kopfexamples/x/status application/merge-patch+json "
                + "{\"status\":{\"createFn\":{\"message\":\"hello\"}}}");
        assertThat(result).hasValueSatisfying(object -> assertThat(object)
                .containsEntry("status", Map.of("createFn", Map.of("message", "hello")))
                .containsEntry("metadata", Map.of("name", "x", "resourceVersion", "7")));
    }

    @Test
    void aGoneObjectIsEmptyAndOtherErrorsCarryTheCodeAndTheServersMessage() throws Exception {
        start(exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().endsWith("/gone")) {
                answer(exchange, 404, "{\"kind\":\"Status\",\"message\":\"not found\"}");
            } else {
                answer(exchange, 409, "{\"kind\":\"Status\",\"code\":409,\"message\":"
                        + "\"the object has been modified\"}");
            }
        }, 64);
        Patcher patcher = new Patcher(client);

        assertThat(patcher.mergePatch(EXAMPLES, "default", "gone", null, Map.of())).isEmpty();
        assertThatThrownBy(() -> patcher.mergePatch(EXAMPLES, "default", "stale", null,
                Map.of("metadata", Map.of("resourceVersion", "1"))))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.getMessage()).isEqualTo("the object has been modified");
                });
    }

    @Test
    void noMorePatchesAreInFlightThanTheClientAllows() throws Exception {
        int limit = 2;
        int patches = 12;
        AtomicInteger held = new AtomicInteger();
        AtomicInteger mostHeld = new AtomicInteger();
        Semaphore arrived = new Semaphore(0);
        Semaphore gate = new Semaphore(0);
        start(exchange -> {
            exchange.getRequestBody().readAllBytes();
            mostHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
            arrived.release();
            try {
                gate.tryAcquire(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            held.decrementAndGet();
            answer(exchange, 200, "{}");
        }, limit);
        Patcher patcher = new Patcher(client);

        List<CompletableFuture<Optional<Map<String, Object>>>> results = new ArrayList<>();
        for (int i = 0; i < patches; i++) {
            String name = "object-" + i;
            results.add(CompletableFuture.supplyAsync(() -> patcher.mergePatch(EXAMPLES,
                    "default", name, "status", Map.of("status", Map.of())), serverThreads));
        }
        // The server holds every request; each one let go lets the next one in.
        assertThat(arrived.tryAcquire(limit, 30, TimeUnit.SECONDS)).isTrue();
        for (int i = limit; i < patches; i++) {
            gate.release();
            assertThat(arrived.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
        }
        gate.release(limit);
        for (var result : results) {
            assertThat(result.get(30, TimeUnit.SECONDS)).hasValue(Map.of());
        }

        assertThat(mostHeld.get()).isEqualTo(limit);
    }

    private interface Answer {
        void handle(HttpExchange exchange) throws IOException;
    }

    private void start(Answer answer, int maxConcurrentRequests) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/", exchange -> {
            try (exchange) {
                answer.handle(exchange);
            }
        });
        server.start();
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .withMaxConcurrentRequests(maxConcurrentRequests)
                .withRequestRetryBackoffLimit(0).build()).build();
    }

    private static void answer(HttpExchange exchange, int code, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
