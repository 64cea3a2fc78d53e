package dev.kopf.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A webhook of the test's own, on the JDK's HTTPS server with a self-signed certificate for
 * 127.0.0.1: answers each AdmissionReview with what the test's function returns for its
 * {@code request}, and records the requests.
 */
final class FakeWebhook implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final HttpsServer server;
    private final String caBundle;

    private FakeWebhook(HttpsServer server, String caBundle) {
        this.server = server;
        this.caBundle = caBundle;
    }

    /**
     * Starts the webhook.
     *
     * @param answer maps the review's request to the response payload (without uid); a
     *     {@code null} answer is a 500 with no review
     */
    static FakeWebhook start(Function<JsonNode, ObjectNode> answer) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=fake-webhook");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(300)),
                Date.from(now.plusSeconds(3600)), name, keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                        .build(keys.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("webhook", keys.getPrivate(), new char[0],
                new Certificate[] {certificate});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(
                KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, new char[0]);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(factory.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.setExecutor(Executors.newCachedThreadPool());
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(certificate);
        }
        FakeWebhook webhook = new FakeWebhook(server, Base64.getEncoder().encodeToString(
                pem.toString().getBytes(StandardCharsets.US_ASCII)));
        server.createContext("/", exchange -> {
            try (exchange) {
                JsonNode review = JSON.readTree(exchange.getRequestBody());
                webhook.requests.add(review.path("request"));
                ObjectNode response = answer.apply(review.path("request"));
                if (response == null) {
                    exchange.sendResponseHeaders(500, -1);
                    return;
                }
                response.put("uid", review.path("request").path("uid").asText());
                ObjectNode out = JSON.createObjectNode();
                out.put("apiVersion", review.path("apiVersion").asText());
                out.put("kind", "AdmissionReview");
                out.set("response", response);
                byte[] bytes = JSON.writeValueAsBytes(out);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(bytes);
                }
            }
        });
        server.start();
        return webhook;
    }

    String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    String caBundle() {
        return caBundle;
    }

    static ObjectNode allow() {
        return JSON.createObjectNode().put("allowed", true);
    }

    static ObjectNode deny(int code, String message) {
        ObjectNode response = JSON.createObjectNode().put("allowed", false);
        response.putObject("status").put("code", code).put("message", message);
        return response;
    }

    static ObjectNode patch(String jsonPatch) {
        return allow().put("patchType", "JSONPatch").put("patch", Base64.getEncoder()
                .encodeToString(jsonPatch.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
