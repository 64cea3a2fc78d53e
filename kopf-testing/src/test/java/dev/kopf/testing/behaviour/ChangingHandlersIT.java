package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.await;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.example;
import static dev.kopf.testing.behaviour.TestCluster.mergePatch;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.operator;
import static dev.kopf.testing.behaviour.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Diff;
import dev.kopf.New;
import dev.kopf.Old;
import dev.kopf.OnCreate;
import dev.kopf.OnDelete;
import dev.kopf.OnEvent;
import dev.kopf.OnField;
import dev.kopf.OnUpdate;
import dev.kopf.RawEvent;
import dev.kopf.Spec;
import dev.kopf.testing.KopfRunner;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** Kopf's changing causes, end to end: create, update, field, event and delete handlers. */
class ChangingHandlersIT {

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
    }

    public static class CreateHandlers {
        @OnCreate("kopfexamples.kopf.dev")
        public Map<String, Object> createFn(Spec spec) {
            return Map.of("message", "hello " + spec.get("field"));
        }
    }

    @Test
    void creationStoresTheResultInStatusAndSucceedsOnce() throws Exception {
        String name = newName("create");
        KopfRunner runner;
        try (KopfRunner running = operator(CreateHandlers.class)) {
            runner = running;
            create(name, Map.of("field", "world"));
            GenericKubernetesResource object = await(name, o -> status(o, "createFn") != null);
            assertThat(status(object, "createFn")).isEqualTo(Map.of("message", "hello world"));
            assertThat(running.awaitOutput("[default/" + name
                    + "] Creation is processed: 1 succeeded; 0 failed.", WAIT)).isTrue();
        }
        assertThat(Logs.count(runner.output(), "[default/" + name
                + "] Handler 'createFn' succeeded.")).isEqualTo(1);
    }

    public static class UpdateHandlers {
        @OnCreate("kopfexamples.kopf.dev")
        public void createFn() {
        }

        @OnUpdate("kopfexamples.kopf.dev")
        public Map<String, Object> updateFn(Diff diff, @Old Map<String, Object> old,
                @New Map<String, Object> nu) {
            return Map.of("diff", diff.toString(),
                    "old", String.valueOf(((Map<?, ?>) old.get("spec")).get("field")),
                    "new", String.valueOf(((Map<?, ?>) nu.get("spec")).get("field")));
        }
    }

    @Test
    void updateGetsTheExactDiff() throws Exception {
        String name = newName("update");
        try (KopfRunner runner = operator(UpdateHandlers.class)) {
            create(name, Map.of("field", "value"));
            assertThat(runner.awaitOutput("[default/" + name + "] Creation is processed", WAIT))
                    .isTrue();
            mergePatch(name, "{\"spec\":{\"field\":\"changed\"}}");
            GenericKubernetesResource object = await(name, o -> status(o, "updateFn") != null);
            assertThat(status(object, "updateFn")).isEqualTo(Map.of(
                    "diff", "(('change', ('spec', 'field'), 'value', 'changed'),)",
                    "old", "value", "new", "changed"));
        }
    }

    public static class FieldHandlers {
        @OnField(value = "kopfexamples.kopf.dev", field = "spec.field")
        public Map<String, Object> fieldFn(@Old Object old, @New Object nu, Diff diff) {
            return Map.of("old", String.valueOf(old), "new", String.valueOf(nu),
                    "diff", diff.toString());
        }
    }

    @Test
    void fieldHandlerRunsAtCreationAndOnChangesWithFieldRelativeValues() throws Exception {
        String name = newName("field");
        try (KopfRunner runner = operator(FieldHandlers.class)) {
            create(name, Map.of("field", "value", "other", 1));
            GenericKubernetesResource created =
                    await(name, o -> status(o, "fieldFn/spec.field") != null);
            assertThat(status(created, "fieldFn/spec.field")).isEqualTo(Map.of(
                    "old", "null", "new", "value", "diff", "(('add', (), None, 'value'),)"));
            mergePatch(name, "{\"spec\":{\"field\":\"changed\"}}");
            GenericKubernetesResource changed = await(name, o -> String.valueOf(
                    status(o, "fieldFn/spec.field")).contains("new=changed"));
            assertThat(status(changed, "fieldFn/spec.field")).isEqualTo(Map.of(
                    "old", "value", "new", "changed",
                    "diff", "(('change', (), 'value', 'changed'),)"));
        }
    }

    public static class EventHandlers {
        @OnEvent("kopfexamples.kopf.dev")
        public void eventFn(RawEvent event, Logger logger) {
            logger.info("Event {} with field {}.", event.type(),
                    ((Map<?, ?>) event.object().get("spec")).get("field"));
        }
    }

    @Test
    void eventHandlerSeesAdditionsChangesAndDeletions() throws Exception {
        String name = newName("event");
        try (KopfRunner runner = operator(EventHandlers.class)) {
            create(name, Map.of("field", "one"));
            assertThat(runner.awaitOutput("Event ADDED with field one.", WAIT)).isTrue();
            mergePatch(name, "{\"spec\":{\"field\":\"two\"}}");
            assertThat(runner.awaitOutput("Event MODIFIED with field two.", WAIT)).isTrue();
            example(name).delete();
            assertThat(runner.awaitOutput("Event DELETED with field two.", WAIT)).isTrue();
            // Event handlers store nothing on the object.
        }
    }

    public static class DeleteHandlers {
        @OnCreate("kopfexamples.kopf.dev")
        public void createFn() {
        }

        @OnDelete("kopfexamples.kopf.dev")
        public void deleteFn(Logger logger) {
            logger.info("Cleaning up.");
        }
    }

    @Test
    void deletionRunsTheHandlerBehindTheFinalizerThenReleasesTheObject() throws Exception {
        String name = newName("delete");
        try (KopfRunner runner = operator(DeleteHandlers.class)) {
            create(name, Map.of("field", "value"));
            GenericKubernetesResource object = await(name, o -> o.getMetadata().getFinalizers()
                    .contains("kopf.zalando.org/KopfFinalizerMarker"));
            assertThat(object.getMetadata().getDeletionTimestamp()).isNull();
            assertThat(runner.awaitOutput("[default/" + name + "] Creation is processed", WAIT))
                    .isTrue();
            example(name).delete();
            assertThat(runner.awaitOutput("[default/" + name
                    + "] Deletion is processed: 1 succeeded; 0 failed.", WAIT)).isTrue();
            TestCluster.awaitGone(name);
            assertThat(runner.awaitOutput("[default/" + name
                    + "] Deleted, really deleted, and we are notified.", WAIT)).isTrue();
            assertThat(runner.output()).contains("[default/" + name + "] Cleaning up.");
        }
    }
}
