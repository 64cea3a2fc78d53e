package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.await;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.operator;
import static dev.kopf.testing.behaviour.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Meta;
import dev.kopf.OnCreate;
import dev.kopf.OnUpdate;
import dev.kopf.Spec;
import dev.kopf.testing.KopfRunner;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watch event that echoes the operator's own patch: it needs no cycle, but a change by
 * anyone else, before or after that patch, is still handled.
 */
class EchoesIT {

    private static final String R = "kopfexamples.kopf.dev";

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
    }

    /** Remembers every state its filter is asked about, and every update. */
    public static class Observed {
        static final Map<String, Queue<String>> filtered = new ConcurrentHashMap<>();
        static final Map<String, AtomicInteger> updates = new ConcurrentHashMap<>();

        @OnCreate(value = R, when = "observe")
        public Map<String, Object> createFn(Spec spec, Meta meta) {
            Object writes = spec.get("writes");
            if (writes instanceof List<?> values) {
                // Another writer, landing between the operator's read and its own patch.
                for (Object value : values) {
                    TestCluster.mergePatch(meta.name(), "{\"spec\":{\"field\":\"" + value
                            + "\"}}");
                }
            }
            return Map.of("field", String.valueOf(spec.get("field")));
        }

        @OnUpdate(R)
        public Map<String, Object> updateFn(Spec spec, Meta meta) {
            updates.computeIfAbsent(meta.name(), k -> new AtomicInteger()).incrementAndGet();
            return Map.of("field", String.valueOf(spec.get("field")));
        }

        public boolean observe(Meta meta) {
            filtered.computeIfAbsent(meta.name(), k -> new ConcurrentLinkedQueue<>())
                    .add(meta.resourceVersion());
            return true;
        }
    }

    @Test
    void theEchoOfTheOwnPatchIsNotProcessedAgain() throws Exception {
        String name = newName("echo");
        KopfRunner stopped;
        try (KopfRunner runner = operator(Observed.class)) {
            stopped = runner;
            create(name, Map.of("field", "value"));
            GenericKubernetesResource handled = await(name, o -> status(o, "createFn") != null);
            assertThat(runner.awaitOutput("[default/" + name + "] Handling cycle is finished",
                    WAIT)).isTrue();
            // The handled state is the operator's own patch: no filter was asked about it.
            assertThat(Observed.filtered.get(name))
                    .doesNotContain(handled.getMetadata().getResourceVersion());
        }
        assertThat(Observed.updates.get(name)).isNull();
        assertThat(Logs.count(stopped.output(), "[default/" + name + "] Patching with:"))
                .isEqualTo(1);
    }

    @Test
    void aChangeByAnotherWriterBeforeTheOwnPatchIsHandledOnceAsItsLatestState()
            throws Exception {
        String name = newName("echo-before");
        try (KopfRunner runner = operator(Observed.class)) {
            create(name, Map.of("field", "value", "writes", List.of("one", "two")));
            // The own patch's answer carries both writes: its echo is a change to handle.
            GenericKubernetesResource handled = await(name, o -> status(o, "updateFn") != null);
            assertThat(status(handled, "createFn")).isEqualTo(Map.of("field", "value"));
            assertThat(status(handled, "updateFn")).isEqualTo(Map.of("field", "two"));
            assertThat(runner.awaitOutput("[default/" + name + "] Updating is processed",
                    WAIT)).isTrue();
        }
        // The two writes and the echo came one after another: one update, of the latest.
        assertThat(Observed.updates.get(name)).hasValue(1);
    }

    @Test
    void aChangeByAnotherWriterRightAfterTheOwnPatchIsHandled() throws Exception {
        String name = newName("echo-after");
        try (KopfRunner runner = operator(Observed.class)) {
            create(name, Map.of("field", "value"));
            await(name, o -> status(o, "createFn") != null);
            TestCluster.mergePatch(name, "{\"spec\":{\"field\":\"changed\"}}");
            GenericKubernetesResource handled = await(name, o -> status(o, "updateFn") != null);
            assertThat(status(handled, "updateFn")).isEqualTo(Map.of("field", "changed"));
        }
        assertThat(Observed.updates.get(name)).hasValue(1);
    }
}
