package dev.kopf.testing;

import static dev.kopf.testing.EmbeddedKubernetesFixtures.KOPFEXAMPLES;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.createCrd;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.example;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.examples;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.http;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.newNamespace;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What an operator sees when the cluster changes under it: CRDs appear established and served,
 * and a deleted CRD takes its objects and its watches along.
 */
class EmbeddedKubernetesClusterChangesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aCreatedCrdIsEstablishedWithAcceptedNamesAndServed() {
        try (EmbeddedKubernetes server = EmbeddedKubernetes.start();
                var client = server.newClient()) {
            CustomResourceDefinition created = createCrd(client, "kopfexamples-crd.yaml");

            CustomResourceDefinition stored = client.apiextensions().v1()
                    .customResourceDefinitions().withName(created.getMetadata().getName()).get();
            assertThat(stored.getStatus().getConditions())
                    .extracting(CustomResourceDefinitionCondition::getType,
                            CustomResourceDefinitionCondition::getStatus)
                    .contains(org.assertj.core.groups.Tuple.tuple("NamesAccepted", "True"),
                            org.assertj.core.groups.Tuple.tuple("Established", "True"));
            assertThat(stored.getStatus().getAcceptedNames().getKind()).isEqualTo("KopfExample");
            assertThat(client.getApiResources("kopf.dev/v1").getResources())
                    .extracting(resource -> resource.getName()).contains("kopfexamples");
        }
    }

    @Test
    void deletingACrdSendsItsObjectsDeletedThenEndsTheWatches() throws Exception {
        try (EmbeddedKubernetes server = EmbeddedKubernetes.start();
                var client = server.newClient()) {
            createCrd(client, "kopfexamples-crd.yaml");
            String namespace = newNamespace(client);
            examples(client).inNamespace(namespace).resource(example("doomed", Map.of()))
                    .create();
            HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(server.url() + "/apis/kopf.dev/v1"
                            + "/namespaces/" + namespace + "/kopfexamples?watch=true")).build(),
                    HttpResponse.BodyHandlers.ofLines());
            try (Stream<String> lines = response.body()) {
                Iterator<String> events = lines.iterator();
                assertThat(typeAndName(events.next())).isEqualTo("ADDED doomed");

                client.apiextensions().v1().customResourceDefinitions()
                        .withName("kopfexamples.kopf.dev").delete();

                assertThat(typeAndName(events.next())).isEqualTo("DELETED doomed");
                assertThat(events.hasNext()).isFalse();
            }
            assertThat(http(client, "GET", "/apis/kopf.dev/v1/namespaces/" + namespace
                    + "/kopfexamples?watch=true", null, null).code()).isEqualTo(404);
            assertThat(client.getApiResources("kopf.dev/v1")).isNull();
        }
    }

    private static String typeAndName(String line) throws Exception {
        JsonNode event = JSON.readTree(line);
        return event.path("type").asText() + " "
                + event.path("object").path("metadata").path("name").asText();
    }
}
