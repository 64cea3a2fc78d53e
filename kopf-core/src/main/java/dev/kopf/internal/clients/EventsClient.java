package dev.kopf.internal.clients;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Posts core {@code v1} Events in Kopf's format. */
public final class EventsClient {

    private final KubernetesClient client;

    /**
     * Creates the client.
     *
     * @param client the Kubernetes client
     */
    public EventsClient(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Posts one Event.
     *
     * @param ref what the event is about
     * @param type {@code Normal}, {@code Warning}, …
     * @param reason a short reason
     * @param message the message, already cut to the allowed length
     * @param component the reporting component
     * @param instance the reporting instance
     * @param namePrefix the generateName prefix
     * @throws ApiException when the server refuses it
     */
    public void post(ObjectReference ref, String type, String reason, String message,
            String component, String instance, String namePrefix) {
        String namespace = ref.getNamespace() != null ? ref.getNamespace()
                : (client.getNamespace() != null ? client.getNamespace() : "default");
        String now = ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        Event event = new EventBuilder()
                .withNewMetadata().withNamespace(namespace).withGenerateName(namePrefix)
                .endMetadata()
                .withAction("Action").withType(type).withReason(reason).withMessage(message)
                .withReportingComponent(component).withReportingInstance(instance)
                .withNewSource().withComponent(component).endSource()
                .withInvolvedObject(ref)
                .withFirstTimestamp(now).withLastTimestamp(now)
                .build();
        try {
            client.v1().events().inNamespace(namespace).resource(event).create();
        } catch (KubernetesClientException e) {
            throw ApiException.from(e);
        }
    }
}
