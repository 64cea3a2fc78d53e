package dev.kopf.testing;

import static dev.kopf.testing.EmbeddedKubernetesFixtures.newNamespace;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Item 10: core and events.k8s.io events are stored, listed and selected like any object. */
class EmbeddedKubernetesEventsTest extends EmbeddedKubernetesTestBase {
    @Test
    void coreEventsAreSelectableByInvolvedObject() {
        String namespace = newNamespace(client);
        for (String target : List.of("first", "second", "first")) {
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata().withGenerateName("kopf-event-").endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder().withApiVersion("kopf.dev/v1")
                            .withKind("KopfExample").withName(target).withNamespace(namespace)
                            .withUid("uid-" + target).build())
                    .withReason("Logging").withMessage("About " + target).withType("Normal")
                    .build()).create();
        }
        List<Event> aboutFirst = client.v1().events().inNamespace(namespace)
                .withField("involvedObject.name", "first").list().getItems();
        assertThat(aboutFirst).hasSize(2)
                .allSatisfy(event -> assertThat(event.getMessage()).isEqualTo("About first"));
        assertThat(client.v1().events().inNamespace(namespace)
                .withField("involvedObject.uid", "uid-second")
                .withField("involvedObject.kind", "KopfExample").list().getItems()).hasSize(1);
        assertThat(client.v1().events().inNamespace(namespace)
                .withInvolvedObject(new ObjectReferenceBuilder().withName("second").build())
                .list().getItems()).hasSize(1);
    }

    @Test
    void eventsApiEventsAreStoredSeparately() {
        String namespace = newNamespace(client);
        client.events().v1().events().inNamespace(namespace).resource(
                new io.fabric8.kubernetes.api.model.events.v1.EventBuilder()
                        .withNewMetadata().withName("modern").endMetadata()
                        .withEventTime(new MicroTime(
                                "2025-01-01T00:00:00.000000Z"))
                        .withReportingController("kopf.dev/test").withReportingInstance("test")
                        .withAction("Testing").withReason("Test").withNote("A modern event")
                        .withRegarding(new ObjectReferenceBuilder().withKind("Pod")
                                .withName("p").build())
                        .withType("Normal").build()).create();
        var modern = client.events().v1().events().inNamespace(namespace)
                .withField("regarding.name", "p").list().getItems();
        assertThat(modern).singleElement()
                .satisfies(event -> assertThat(event.getNote()).isEqualTo("A modern event"));
        assertThat(client.v1().events().inNamespace(namespace).list().getItems()).isEmpty();
    }
}
