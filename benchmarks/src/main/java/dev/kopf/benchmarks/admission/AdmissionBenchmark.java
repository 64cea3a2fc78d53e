package dev.kopf.benchmarks.admission;

import dev.kopf.OnStartup;
import dev.kopf.OnValidate;
import dev.kopf.Operator;
import dev.kopf.OperatorSettings;
import dev.kopf.WebhookServer;
import dev.kopf.testing.EmbeddedKubernetes;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Admission round-trip latency (p50, p99) and requests per second for a validating handler
 * that returns at once: AdmissionReviews POSTed over HTTPS with keep-alive to the operator's
 * webhook, one client in sequence for the latencies, several at once for the throughput.
 *
 * <p>{@code java -cp benchmarks/target/kopf-benchmarks.jar
 * dev.kopf.benchmarks.admission.AdmissionBenchmark [requests] [seconds] [clients]}
 */
public final class AdmissionBenchmark {

    private static final String MANAGED = "bench.kopf.dev";

    private AdmissionBenchmark() {
    }

    /** The handler under test: admits everything at once. */
    public static class Handlers {
        @OnStartup
        public void config(OperatorSettings.Builder settings) {
            settings.admission(a -> a.server(WebhookServer.local()).managed(MANAGED));
        }

        @OnValidate("configmaps")
        public void admit() {
        }
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        try (EmbeddedKubernetes server = EmbeddedKubernetes.start();
                KubernetesClient client = server.newClient()) {
            Operator operator = Operator.builder().client(client).handlers(Handlers.class)
                    .namespaces(List.of("default")).build();
            operator.start();
            if (!operator.awaitReady(Duration.ofSeconds(60))) {
                throw new IllegalStateException("The operator did not start.");
            }
            ValidatingWebhook webhook = client.admissionRegistration().v1()
                    .validatingWebhookConfigurations().withName(MANAGED).get().getWebhooks()
                    .get(0);
            // The embedded server must not call the webhook during the measurement.
            client.admissionRegistration().v1().validatingWebhookConfigurations()
                    .withName(MANAGED).delete();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(trusting(webhook.getClientConfig().getCaBundle())).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(
                    webhook.getClientConfig().getUrl())).header("Content-Type",
                    "application/json").POST(HttpRequest.BodyPublishers.ofString(REVIEW))
                    .build();
            for (int i = 0; i < 2000; i++) {
                send(http, request); // warm-up: JIT, TLS session, connection
            }
            long[] latencies = new long[requests];
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                send(http, request);
                latencies[i] = System.nanoTime() - start;
            }
            Arrays.sort(latencies);
            double rate = throughput(request, webhook, seconds, clients);
            System.out.printf("admission round trip: n=%d p50=%.3f ms p99=%.3f ms;"
                    + " throughput with %d clients: %.0f req/s%n", requests,
                    latencies[requests / 2] / 1e6, latencies[(int) (requests * 0.99)] / 1e6,
                    clients, rate);
            operator.stop();
        }
    }

    private static double throughput(HttpRequest request, ValidatingWebhook webhook,
            int seconds, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(trusting(webhook.getClientConfig().getCaBundle())).build();
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    send(own, request);
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        return done.get() / (double) seconds;
    }

    private static void send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("\"allowed\":true")) {
            throw new IllegalStateException("Unexpected answer: " + response.statusCode() + " "
                    + response.body());
        }
    }

    private static SSLContext trusting(String caBundle) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (Certificate certificate : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(
                        Base64.getDecoder().decode(caBundle)))) {
            store.setCertificateEntry("ca" + i++, certificate);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(
                TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static final String REVIEW = "{\"apiVersion\":\"admission.k8s.io/v1\","
            + "\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"bench\",\"kind\":{\"group\":"
            + "\"\",\"version\":\"v1\",\"kind\":\"ConfigMap\"},\"resource\":{\"group\":\"\","
            + "\"version\":\"v1\",\"resource\":\"configmaps\"},\"namespace\":\"default\","
            + "\"operation\":\"CREATE\",\"userInfo\":{\"username\":\"bench\"},\"object\":"
            + "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm\","
            + "\"namespace\":\"default\"},\"data\":{\"key\":\"value\"}},\"oldObject\":null,"
            + "\"dryRun\":false}}";
}
