package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.client;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Body;
import dev.kopf.Kopf;
import dev.kopf.OnCreate;
import dev.kopf.OperatorSettings;
import dev.kopf.PermanentException;
import dev.kopf.testing.KopfRunner;
import io.fabric8.kubernetes.api.model.Event;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kubernetes Events: posted by handlers, and by the opt-in log-to-Event bridge. */
class EventsIT {

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
    }

    private static List<Event> awaitEvents(String name, int count) {
        return client().v1().events().inNamespace(TestCluster.NAMESPACE)
                .withField("involvedObject.name", name)
                .informOnCondition(events -> events.size() >= count)
                .completeOnTimeout(List.of(), WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    public static class PostingHandlers {
        @OnCreate("kopfexamples.kopf.dev")
        public void createFn(Body body) {
            Kopf.info(body, "SomeReason", "Some message.");
            Kopf.warn(body, "SomeWarning", "Some warning.");
        }
    }

    @Test
    void handlersPostEventsAboutTheirObject() throws Exception {
        String name = newName("events");
        try (KopfRunner runner = TestCluster.operator(PostingHandlers.class)) {
            create(name, Map.of("field", "value"));
            List<Event> events = awaitEvents(name, 2);
            assertThat(events).extracting(Event::getType, Event::getReason, Event::getMessage)
                    .contains(org.assertj.core.groups.Tuple.tuple("Normal", "SomeReason",
                            "Some message."), org.assertj.core.groups.Tuple.tuple("Warning",
                            "SomeWarning", "Some warning."));
            Event first = events.get(0);
            assertThat(first.getInvolvedObject().getKind()).isEqualTo("KopfExample");
            assertThat(first.getInvolvedObject().getUid()).isNotBlank();
            assertThat(first.getReportingComponent()).isEqualTo("kopf");
        }
    }

    public static class FailingHandlers {
        @OnCreate("kopfexamples.kopf.dev")
        public void createFn() {
            throw new PermanentException("Broken on purpose.");
        }
    }

    @Test
    void logLinesBecomeEventsOnlyWhenTheBridgeIsOn() throws Exception {
        String name = newName("bridged");
        OperatorSettings settings = TestCluster.fastSettings().toBuilder()
                .posting(p -> p.withLoggers(true)).build();
        try (KopfRunner runner = KopfRunner.builder().client(client())
                .handlers(FailingHandlers.class).namespaces(TestCluster.NAMESPACE)
                .settings(settings).start()) {
            assertThat(runner.awaitReady(WAIT)).isTrue();
            create(name, Map.of("field", "value"));
            List<Event> events = awaitEvents(name, 2);
            assertThat(events).extracting(Event::getType, Event::getReason, Event::getMessage)
                    .contains(org.assertj.core.groups.Tuple.tuple("Error", "Logging",
                            "Handler 'createFn' failed permanently: Broken on purpose."));
        }
    }
}
