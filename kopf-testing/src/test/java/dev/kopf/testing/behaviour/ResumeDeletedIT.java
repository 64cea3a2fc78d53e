package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.await;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.example;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.operator;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.HandlerOutcome;
import dev.kopf.OnResume;
import dev.kopf.OperatorSettings;
import dev.kopf.testing.KopfRunner;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @OnResume(deleted = true)}: an operator that starts while an object it holds with its
 * finalizer is being deleted resumes it with those handlers only, as Kopf's
 * {@code resume(deleted=True)}; then the object is released.
 */
class ResumeDeletedIT {

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
    }

    public static class ResumeHandlers {
        @OnResume(value = "kopfexamples.kopf.dev", deleted = true)
        public void resumeDeleted() {
        }

        @OnResume("kopfexamples.kopf.dev")
        public void resumeAlive() {
        }
    }

    @Test
    void objectsBeingDeletedAreResumedOnlyByHandlersThatAskForThem() throws Exception {
        String deleting = newName("deleting");
        create(deleting, Map.of("field", "value"));
        // As left by an operator that was stopped before the deletion: its finalizer holds
        // the object, and Kopf resumes only what it still holds.
        String finalizer = OperatorSettings.defaults().persistence().finalizer();
        example(deleting).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"finalizers\":[\"" + finalizer + "\"]}}");
        example(deleting).delete();
        await(deleting, o -> o.getMetadata().getDeletionTimestamp() != null);

        KopfRunner finished;
        try (KopfRunner runner = operator(ResumeHandlers.class)) {
            finished = runner;
            assertThat(runner.awaitOutcome(o -> o.name().equals(deleting)
                    && o.handlerId().equals("resumeDeleted")
                    && o.result() == HandlerOutcome.Result.SUCCEEDED, WAIT)).isTrue();
        }
        assertThat(finished.outcomes()).noneMatch(o -> o.name().equals(deleting)
                && o.handlerId().equals("resumeAlive"));
        assertThat(finished.output()).doesNotContain("[default/" + deleting
                + "] Handler 'resumeAlive'");
        // With every handler done, the operator lets the deletion finish.
        TestCluster.awaitGone(deleting);
    }
}
