package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kopf.testing.KopfRunner;
import dev.kopf.testing.RecordedCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API write budget: a one-handler creation costs exactly one /status patch. */
class WritesIT {

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
    }

    @Test
    void oneHandlerCreationIsExactlyOneStatusPatch() throws Exception {
        assumeTrue(TestCluster.isEmbedded(), "API calls are counted by the embedded server.");
        String name = newName("writes");
        try (KopfRunner runner = operator(ChangingHandlersIT.CreateHandlers.class)) {
            TestCluster.server().clearCalls();
            create(name, Map.of("field", "world"));
            assertThat(runner.awaitOutput("[default/" + name
                    + "] Handling cycle is finished", WAIT) || runner.awaitOutput(
                    "[default/" + name + "] Creation is processed", WAIT)).isTrue();
            TestCluster.await(name, o -> TestCluster.status(o, "createFn") != null);
        }
        List<RecordedCall> writes = TestCluster.server().calls().stream()
                .filter(RecordedCall::isWrite)
                .filter(call -> call.path().contains("/kopfexamples/" + name)
                        || call.path().endsWith("/kopfexamples") || call.path().contains("/events"))
                .toList();
        // The test's own POST creates the object; the operator adds one PATCH of /status.
        assertThat(writes).extracting(RecordedCall::method, RecordedCall::isStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("POST", false),
                        org.assertj.core.groups.Tuple.tuple("PATCH", true));
    }

    @Test
    void patchesAreNotPrecededByReadsOfTheObject() throws Exception {
        assumeTrue(TestCluster.isEmbedded(), "API calls are counted by the embedded server.");
        String name = newName("writes-reads");
        try (KopfRunner runner = operator(ChangingHandlersIT.DeleteHandlers.class)) {
            TestCluster.server().clearCalls();
            create(name, Map.of("field", "world"));
            TestCluster.await(name, o -> TestCluster.status(o, "kopf") != null);
        }
        // The operator knows the object from its watch: each patch is one request, with no
        // GET of the object before it (the finalizer patch, then the /status patch).
        assertThat(TestCluster.server().calls()).filteredOn(call -> call.path().endsWith(
                "/kopfexamples/" + name) || call.path().endsWith("/kopfexamples/" + name
                + "/status")).extracting(RecordedCall::method, RecordedCall::isStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PATCH", false),
                        org.assertj.core.groups.Tuple.tuple("PATCH", true));
    }

    @Test
    void finalizerCostsOneWriteOnCreationAndOneOnDeletion() throws Exception {
        assumeTrue(TestCluster.isEmbedded(), "API calls are counted by the embedded server.");
        String name = newName("writes-finalizer");
        try (KopfRunner runner = operator(ChangingHandlersIT.DeleteHandlers.class)) {
            TestCluster.server().clearCalls();
            create(name, Map.of("field", "world"));
            TestCluster.await(name, o -> TestCluster.status(o, "kopf") != null);
            assertThat(writesTo(name)).extracting(RecordedCall::method, RecordedCall::isStatus)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("PATCH", false),
                            org.assertj.core.groups.Tuple.tuple("PATCH", true));
            TestCluster.server().clearCalls();
            TestCluster.example(name).delete();
            TestCluster.awaitGone(name);
            assertThat(runner.awaitOutput("[default/" + name + "] Deleted, really deleted",
                    WAIT)).isTrue();
        }
        // The test's DELETE, then the operator's one patch that removes the finalizer.
        assertThat(writesTo(name)).extracting(RecordedCall::method, RecordedCall::isStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DELETE", false),
                        org.assertj.core.groups.Tuple.tuple("PATCH", false));
    }

    private static List<RecordedCall> writesTo(String name) {
        return TestCluster.server().calls().stream().filter(RecordedCall::isWrite)
                .filter(call -> call.path().contains("/kopfexamples/" + name)).toList();
    }
}
