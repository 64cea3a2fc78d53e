package dev.kopf.testing;

import static dev.kopf.testing.EmbeddedKubernetesFixtures.configMap;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.failure;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.newNamespace;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The limits a real cluster enforces on what it stores: kube-apiserver's 3 MiB request
 * bodies (413), etcd's 1.5 MiB objects (500 from etcd), 256 KiB of annotations and the
 * label syntax (422 Invalid).
 */
class EmbeddedKubernetesSizeLimitsTest extends EmbeddedKubernetesTestBase {
    private static final int MIB = 1024 * 1024;
    /** Raw HTTP, since fabric8 would retry the 500s for a while. */
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aRequestBodyOverThreeMebibytesIsRefusedWith413() throws Exception {
        String namespace = newNamespace(client);
        HttpResponse<String> answer = send("POST", "/api/v1/namespaces/" + namespace
                + "/configmaps", "application/json", configMapJson("big", 3 * MIB));

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("\"reason\":\"RequestEntityTooLarge\"")
                .contains("\"message\":\"Request entity too large: limit is 3145728\"");
        assertThat(client.configMaps().inNamespace(namespace).withName("big").get()).isNull();
    }

    @Test
    void anObjectOverEtcdsLimitIsNotStoredAndTheServerAnswers500() throws Exception {
        String namespace = newNamespace(client);
        HttpResponse<String> answer = send("POST", "/api/v1/namespaces/" + namespace
                + "/configmaps", "application/json", configMapJson("big", 1_600_000));

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).contains("\"message\":\"etcdserver: request is too large\"")
                .doesNotContain("\"reason\"");
        assertThat(client.configMaps().inNamespace(namespace).withName("big").get()).isNull();
    }

    @Test
    void aPatchThatGrowsAnObjectOverEtcdsLimitChangesNothing() throws Exception {
        String namespace = newNamespace(client);
        String path = "/api/v1/namespaces/" + namespace + "/configmaps/grown";
        assertThat(send("POST", "/api/v1/namespaces/" + namespace + "/configmaps",
                "application/json", configMapJson("grown", 1_400_000)).statusCode())
                .isEqualTo(201);
        String before = client.configMaps().inNamespace(namespace).withName("grown").get()
                .getMetadata().getResourceVersion();

        HttpResponse<String> answer = send("PATCH", path, "application/merge-patch+json",
                "{\"data\":{\"more\":\"" + "y".repeat(400_000) + "\"}}");

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).contains("etcdserver: request is too large");
        ConfigMap stored = client.configMaps().inNamespace(namespace).withName("grown").get();
        assertThat(stored.getMetadata().getResourceVersion()).isEqualTo(before);
        assertThat(stored.getData()).doesNotContainKey("more");
    }

    @Test
    void annotationsOverTheirTotalLimitAreInvalidAndUpToItAreStored() {
        String namespace = newNamespace(client);
        // Key "a" (1 byte) + value: exactly 262,144 bytes in total is allowed.
        ConfigMap atLimit = new ConfigMapBuilder().withNewMetadata().withName("at-limit")
                .addToAnnotations("a", "x".repeat(262_143)).endMetadata().build();
        client.configMaps().inNamespace(namespace).resource(atLimit).create();

        ConfigMap overLimit = new ConfigMapBuilder().withNewMetadata().withName("over-limit")
                .addToAnnotations("a", "x".repeat(262_144)).endMetadata().build();
        KubernetesClientException created = failure(() -> client.configMaps()
                .inNamespace(namespace).resource(overLimit).create());
        assertThat(created.getCode()).isEqualTo(422);
        assertThat(created.getStatus().getReason()).isEqualTo("Invalid");
        assertThat(created.getStatus().getMessage()).isEqualTo("ConfigMap \"over-limit\" is "
                + "invalid: metadata.annotations: Too long: must have at most 262144 bytes");
        assertThat(created.getStatus().getDetails().getCauses()).singleElement()
                .satisfies(cause -> {
                    assertThat(cause.getReason()).isEqualTo("FieldValueTooLong");
                    assertThat(cause.getField()).isEqualTo("metadata.annotations");
                });

        KubernetesClientException patched = failure(() -> client.configMaps()
                .inNamespace(namespace).withName("at-limit").edit(cm -> {
                    cm.getMetadata().getAnnotations().put("b", "y");
                    return cm;
                }));
        assertThat(patched.getCode()).isEqualTo(422);
        assertThat(patched.getStatus().getMessage())
                .endsWith("metadata.annotations: Too long: must have at most 262144 bytes");
    }

    @Test
    void labelsMustBeQualifiedNamesWithShortValidValues() {
        String namespace = newNamespace(client);
        client.configMaps().inNamespace(namespace).resource(configMap("valid", Map.of(
                "example.com/app", "my_value-1.0", "tier", "", "k".repeat(63), "v".repeat(63))))
                .create();

        KubernetesClientException longValue = failure(() -> client.configMaps()
                .inNamespace(namespace).resource(configMap("long-value", Map.of("app",
                        "v".repeat(64)))).create());
        assertThat(longValue.getCode()).isEqualTo(422);
        assertThat(longValue.getStatus().getMessage()).isEqualTo("ConfigMap \"long-value\" is "
                + "invalid: metadata.labels: Invalid value: \"" + "v".repeat(64)
                + "\": must be no more than 63 characters");

        KubernetesClientException longKey = failure(() -> client.configMaps()
                .inNamespace(namespace).resource(configMap("long-key", Map.of("k".repeat(64),
                        "v"))).create());
        assertThat(longKey.getStatus().getMessage()).endsWith("metadata.labels: Invalid value: \""
                + "k".repeat(64) + "\": name part must be no more than 63 characters");

        KubernetesClientException badValue = failure(() -> client.configMaps()
                .inNamespace(namespace).resource(configMap("bad-value", Map.of("app",
                        "-starts-with-a-dash"))).create());
        assertThat(badValue.getStatus().getMessage()).contains(
                "metadata.labels: Invalid value: \"-starts-with-a-dash\": a valid label must be "
                        + "an empty string or consist of alphanumeric characters");

        KubernetesClientException badPrefix = failure(() -> client.configMaps()
                .inNamespace(namespace).resource(configMap("bad-prefix", Map.of(
                        "Example.COM/app", "v"))).create());
        assertThat(badPrefix.getStatus().getMessage()).contains("Invalid value: "
                + "\"Example.COM/app\": prefix part a lowercase RFC 1123 subdomain must consist");
        assertThat(badPrefix.getStatus().getDetails().getCauses()).singleElement()
                .satisfies(cause -> {
                    assertThat(cause.getReason()).isEqualTo("FieldValueInvalid");
                    assertThat(cause.getField()).isEqualTo("metadata.labels");
                });
        assertThat(client.configMaps().inNamespace(namespace).list().getItems())
                .extracting(cm -> cm.getMetadata().getName()).containsExactly("valid");
    }

    private static String configMapJson(String name, int size) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\"},\"data\":{\"payload\":\"" + "x".repeat(size) + "\"}}";
    }

    private HttpResponse<String> send(String method, String path, String contentType,
            String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
