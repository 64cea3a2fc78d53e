package dev.kopf.testing.internal.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Calls one webhook as the API server does: an AdmissionReview in the first version the
 * webhook accepts, POSTed over HTTPS to its {@code clientConfig.url}, trusting only its
 * {@code caBundle}, within its {@code timeoutSeconds}.
 */
final class WebhookCaller {

    /** The default of {@code timeoutSeconds} in admissionregistration/v1. */
    private static final int DEFAULT_TIMEOUT = 10;

    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    /** Why a call failed; the webhook's {@code failurePolicy} decides what follows. */
    static final class CallFailure extends Exception {
        private static final long serialVersionUID = 1L;

        CallFailure(String message) {
            super(message);
        }
    }

    /**
     * Calls the webhook.
     *
     * @param webhook the webhook entry of a configuration
     * @param request the review's {@code request} payload, without uid
     * @return the review's {@code response} payload
     * @throws CallFailure when the webhook cannot be reached or answers badly
     */
    JsonNode call(JsonNode webhook, ObjectNode request) throws CallFailure {
        String version = reviewVersion(webhook);
        JsonNode config = webhook.path("clientConfig");
        String url = config.path("url").asText(null);
        if (url == null) {
            throw new CallFailure("the embedded API server cannot reach Services; give the"
                    + " webhook a clientConfig.url");
        }
        ObjectNode review = JsonNodes.object();
        review.put("apiVersion", version);
        review.put("kind", "AdmissionReview");
        String uid = UUID.randomUUID().toString();
        review.set("request", request.deepCopy().put("uid", uid));
        int timeout = webhook.path("timeoutSeconds").asInt(DEFAULT_TIMEOUT);
        HttpResponse<byte[]> response;
        try {
            HttpClient client = clients.computeIfAbsent(config.path("caBundle").asText(""),
                    WebhookCaller::client);
            response = client.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(timeout))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JsonNodes.write(review)))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new CallFailure("context deadline exceeded (timeoutSeconds: " + timeout + ")");
        } catch (IOException e) {
            throw new CallFailure(String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailure("interrupted");
        }
        if (response.statusCode() != 200) {
            throw new CallFailure("the server responded with the status code "
                    + response.statusCode() + " but did not return an AdmissionReview");
        }
        JsonNode answer;
        try {
            answer = JsonNodes.parse(response.body());
        } catch (RuntimeException e) {
            throw new CallFailure("the response is not JSON");
        }
        JsonNode payload = answer.path("response");
        if (!payload.isObject() || !version.equals(answer.path("apiVersion").asText())) {
            throw new CallFailure("expected an AdmissionReview " + version + " response");
        }
        if (!uid.equals(payload.path("uid").asText())) {
            throw new CallFailure("expected response.uid=\"" + uid + "\", got \""
                    + payload.path("uid").asText() + "\"");
        }
        return payload;
    }

    private static String reviewVersion(JsonNode webhook) throws CallFailure {
        for (JsonNode version : webhook.path("admissionReviewVersions")) {
            if (version.asText().equals("v1") || version.asText().equals("v1beta1")) {
                return "admission.k8s.io/" + version.asText();
            }
        }
        throw new CallFailure("none of the admissionReviewVersions are understood: "
                + webhook.path("admissionReviewVersions"));
    }

    private static HttpClient client(String caBundle) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(DEFAULT_TIMEOUT));
        if (!caBundle.isEmpty()) {
            builder.sslContext(trusting(Base64.getDecoder().decode(caBundle)));
        }
        return builder.build();
    }

    /** A TLS context that trusts the bundle's certificates and nothing else. */
    private static SSLContext trusting(byte[] pem) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem))) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(
                    TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw ApiStatusException.internal("caBundle cannot be read: " + e.getMessage());
        }
    }
}
