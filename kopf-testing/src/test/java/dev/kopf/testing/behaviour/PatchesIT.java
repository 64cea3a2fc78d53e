package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.await;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.example;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.operator;
import static dev.kopf.testing.behaviour.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.OnCreate;
import dev.kopf.OnDelete;
import dev.kopf.Param;
import dev.kopf.Patch;
import dev.kopf.testing.KopfRunner;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** Handlers' own patches, params, optional deletion handlers, and others' deletions. */
class PatchesIT {

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
    }

    public static class PatchingHandlers {
        @OnCreate(value = "kopfexamples.kopf.dev", param = "first")
        @OnCreate(value = "kopfexamples.kopf.dev", id = "second", param = "second")
        public void createFn(@Param String param, Patch patch) {
            patch.status().put("phase-" + param, "Ready");
            patch.metadata().labels().put("handled-by-" + param, "yes");
        }
    }

    @Test
    void handlerPatchesAreAppliedOnceAfterTheCycle() throws Exception {
        String name = newName("patch");
        try (KopfRunner runner = operator(PatchingHandlers.class)) {
            create(name, Map.of("field", "value"));
            GenericKubernetesResource object = await(name, o -> status(o, "phase-second") != null
                    && o.getMetadata().getLabels().containsKey("handled-by-second"));
            assertThat(status(object, "phase-first")).isEqualTo("Ready");
            assertThat(object.getMetadata().getLabels())
                    .containsEntry("handled-by-first", "yes")
                    .containsEntry("handled-by-second", "yes");
        }
    }

    public static class OptionalDeleteHandlers {
        @OnCreate("kopfexamples.kopf.dev")
        public void createFn() {
        }

        @OnDelete(value = "kopfexamples.kopf.dev", optional = true)
        public void deleteFn(Logger logger) {
            logger.info("Optional deletion handler.");
        }
    }

    @Test
    void optionalDeletionHandlersAddNoFinalizer() throws Exception {
        String name = newName("optional");
        try (KopfRunner runner = operator(OptionalDeleteHandlers.class)) {
            create(name, Map.of("field", "value"));
            GenericKubernetesResource object = await(name, o -> status(o, "kopf") != null);
            assertThat(object.getMetadata().getFinalizers()).isEmpty();
        }
    }

    public static class DeleteHandlers {
        @OnDelete("kopfexamples.kopf.dev")
        public void deleteFn(Logger logger) {
            logger.info("Deletion handler.");
        }
    }

    @Test
    void objectsDeletedByOthersWithoutOurFinalizerAreLeftAlone() throws Exception {
        String name = newName("others");
        create(name, Map.of("field", "value"));
        // Someone else's finalizer keeps the object while it is being deleted.
        example(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"finalizers\":[\"example.com/other\"]}}");
        example(name).delete();
        await(name, o -> o.getMetadata().getDeletionTimestamp() != null);
        KopfRunner finished;
        try (KopfRunner runner = operator(DeleteHandlers.class)) {
            finished = runner;
            assertThat(runner.awaitOutput("[default/" + name
                    + "] Handling cycle is finished", WAIT)).isTrue();
            GenericKubernetesResource object = example(name).get();
            assertThat(object.getMetadata().getFinalizers()).containsExactly("example.com/other");
        }
        assertThat(finished.output()).doesNotContain("[default/" + name + "] Deletion is",
                "[default/" + name + "] Adding the finalizer", "Handler 'deleteFn'");
    }
}
