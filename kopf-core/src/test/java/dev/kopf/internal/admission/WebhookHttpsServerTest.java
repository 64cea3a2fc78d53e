package dev.kopf.internal.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Memo;
import dev.kopf.OperatorSettings;
import dev.kopf.WebhookServer;
import dev.kopf.internal.discovery.HandlerDiscovery;
import dev.kopf.internal.discovery.OperatorInjectables;
import dev.kopf.internal.structs.CompactJson;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS endpoint: served reviews, malformed bodies, certificate rotation. */
class WebhookHttpsServerTest {

    private final List<Map<String, Object>> configs = new ArrayList<>();
    private WebhookHttpsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(WebhookServer settings) throws Exception {
        var registry = HandlerDiscovery.register(List.of(AdmissionProcessorTest.Handlers.class),
                new OperatorInjectables(null, OperatorSettings.defaults(), new Memo()));
        AdmissionProcessor processor = new AdmissionProcessor(registry.webhookHandlers(),
                List.of(AdmissionProcessorTest.KEX), new Memo(), null, null);
        server = WebhookHttpsServer.start(settings, "localhost", processor, configs::add);
    }

    private byte[] caBundle() {
        return Base64.getDecoder().decode((String) configs.get(configs.size() - 1)
                .get("caBundle"));
    }

    private HttpResponse<String> post(String path, String body, byte[] trusted)
            throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (var certificate : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(trusted))) {
            store.setCertificateEntry("ca" + i++, certificate);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(
                TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, trust.getTrustManagers(), null);
        // A new client each time: a new TLS handshake sees the certificate now served.
        HttpClient client = HttpClient.newBuilder().sslContext(ssl).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:"
                        + server.port() + path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesReviewsWithAGeneratedCertificateAndGivesItsCaInTheClientConfig()
            throws Exception {
        start(WebhookServer.local().withPath("/admission"));
        assertThat(configs).singleElement().satisfies(config -> assertThat(config.get("url"))
                .isEqualTo("https://localhost:" + server.port() + "/admission"));
        String review = CompactJson.write(AdmissionProcessorTest.review("admission.k8s.io/v1",
                "CREATE", AdmissionProcessorTest.object("fine", true), null, null));
        HttpResponse<String> response = post("/admission/validate", review, caBundle());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(CompactJson.readMap(response.body())).containsEntry("apiVersion",
                "admission.k8s.io/v1").extractingByKey("response").asString()
                .contains("allowed=true").contains("look out");
    }

    @Test
    void answersMalformedBodiesWith400AndOneLine() throws Exception {
        start(WebhookServer.local());
        for (String body : List.of("", "{not json", "[1,2]", "{\"kind\":\"AdmissionReview\"}")) {
            HttpResponse<String> response = post("/validate", body, caBundle());
            assertThat(response.statusCode()).as("for %s", body).isEqualTo(400);
            assertThat(response.body().strip()).as("for %s", body).doesNotContain("\n")
                    .doesNotContain("Exception").isNotEmpty();
        }
    }

    @Test
    void servesRotatedCertificateFilesWithoutARestart(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        Certificates.Issued first = write(cert, key);
        start(WebhookServer.local().withCertificate(cert, key)
                .withFileCheckInterval(java.time.Duration.ofHours(1)));
        byte[] firstCa = Certificates.pem(first.ca());
        String review = CompactJson.write(AdmissionProcessorTest.review("admission.k8s.io/v1",
                "CREATE", AdmissionProcessorTest.object("fine", true), null, null));
        assertThat(post("/validate", review, firstCa).statusCode()).isEqualTo(200);

        Certificates.Issued second = write(cert, key);
        server.checkCertificates();
        byte[] secondCa = Certificates.pem(second.ca());
        assertThat(post("/validate", review, secondCa).statusCode()).isEqualTo(200);
        assertThat(configs).hasSize(2);
        assertThat(Certificates.parse(caBundle())).extracting(X509Certificate::getSerialNumber)
                .containsExactly(second.server().getSerialNumber(),
                        second.ca().getSerialNumber());
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> post("/validate", review, firstCa))).as("the old CA is no longer enough")
                .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }

    private static Certificates.Issued write(Path cert, Path key) throws Exception {
        Certificates.Issued issued = Certificates.issue(List.of("localhost", "127.0.0.1"));
        byte[] chain = concat(Certificates.pem(issued.server()), Certificates.pem(issued.ca()));
        Files.write(cert, chain);
        Files.write(key, Certificates.pem(issued.key()));
        return issued;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }
}
