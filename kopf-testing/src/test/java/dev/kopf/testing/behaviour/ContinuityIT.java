package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.await;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.operator;
import static dev.kopf.testing.behaviour.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Meta;
import dev.kopf.OnDelete;
import dev.kopf.OnUpdate;
import dev.kopf.Reason;
import dev.kopf.OnCreate;
import dev.kopf.OnResume;
import dev.kopf.Retry;
import dev.kopf.TemporaryException;
import dev.kopf.testing.KopfRunner;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** Continuity across operator restarts: resuming, stored retries, Kopf-written state. */
class ContinuityIT {

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
    }

    public static class RetryingHandlers {
        @OnCreate("kopfexamples.kopf.dev")
        public Map<String, Object> createFn(Retry retry) {
            if (retry.attempt() == 0) {
                throw new TemporaryException("First attempt fails.", Duration.ofSeconds(2));
            }
            return Map.of("attempt", retry.attempt());
        }
    }

    @Test
    void operatorStoppedMidRetryContinuesTheCountAndSucceedsOnce() throws Exception {
        String name = newName("restart");
        try (KopfRunner first = operator(RetryingHandlers.class)) {
            create(name, Map.of("field", "value"));
            assertThat(first.awaitOutput("[default/" + name
                    + "] Handler 'createFn' failed temporarily: First attempt fails.", WAIT))
                    .isTrue();
            GenericKubernetesResource stored = await(name, o -> String.valueOf(status(o, "kopf"))
                    .contains("retries=1"));
            assertThat(String.valueOf(status(stored, "kopf"))).contains("delayed=");
        }
        KopfRunner second;
        try (KopfRunner running = operator(RetryingHandlers.class)) {
            second = running;
            GenericKubernetesResource object = await(name, o -> status(o, "createFn") != null);
            assertThat(status(object, "createFn")).isEqualTo(Map.of("attempt", 1));
            assertThat(running.awaitOutput("[default/" + name
                    + "] Creation is processed: 1 succeeded; 0 failed.", WAIT)).isTrue();
        }
        assertThat(Logs.count(second.output(), "Handler 'createFn' succeeded.")).isEqualTo(1);
        assertThat(second.output()).doesNotContain("failed temporarily");
    }

    public static class ResumingHandlers {
        @OnCreate("kopfexamples.kopf.dev")
        public String createFn() {
            return "created";
        }

        @OnResume("kopfexamples.kopf.dev")
        public String resumeFn(Meta meta) {
            return "resumed " + meta.name();
        }
    }

    @Test
    void resumeHandlersRunForPreviouslyHandledObjectsOnlyOnce() throws Exception {
        String name = newName("resume");
        try (KopfRunner first = operator(ResumingHandlers.class)) {
            create(name, Map.of("field", "value"));
            await(name, o -> status(o, "createFn") != null);
            assertThat(first.awaitOutput("[default/" + name + "] Creation is processed", WAIT))
                    .isTrue();
            // Creation never mixes with resuming.
            assertThat(first.output()).doesNotContain("Handler 'resumeFn'");
        }
        KopfRunner second;
        try (KopfRunner running = operator(ResumingHandlers.class)) {
            second = running;
            GenericKubernetesResource object = await(name, o -> status(o, "resumeFn") != null);
            assertThat(status(object, "resumeFn")).isEqualTo("resumed " + name);
            assertThat(running.awaitOutput("[default/" + name
                    + "] Resuming is processed: 1 succeeded; 0 failed.", WAIT)).isTrue();
        }
        assertThat(second.output()).doesNotContain("Handler 'createFn'");
        assertThat(Logs.count(second.output(), "Handler 'resumeFn' succeeded.")).isEqualTo(1);
    }

    @Test
    void stateWrittenByPythonKopfInAnnotationsIsHonoured() throws Exception {
        String handled = newName("kopf-handled");
        String retried = newName("kopf-retried");
        // What Python Kopf leaves on objects: the last-handled configuration and progress.
        create(handled, Map.of("field", "value"), Map.of(), Map.of(
                "kopf.zalando.org/last-handled-configuration",
                "{\"spec\":{\"field\":\"value\"}}\n"));
        String past = Instant.now().minusSeconds(60).toString();
        create(retried, Map.of("field", "value"), Map.of(), Map.of(
                "kopf.zalando.org/createFn", "{\"started\":\"" + past + "\",\"delayed\":\""
                        + past + "\",\"purpose\":\"create\",\"retries\":3,"
                        + "\"success\":false,\"failure\":false,\"message\":\"Not yet.\"}"));
        try (KopfRunner runner = operator(RetryingResumingHandlers.class)) {
            GenericKubernetesResource resumed = await(handled,
                    o -> status(o, "resumeFn") != null);
            assertThat(status(resumed, "createFn")).isNull();
            GenericKubernetesResource continued = await(retried,
                    o -> status(o, "createFn") != null);
            assertThat(status(continued, "createFn")).isEqualTo(Map.of("attempt", 3));
            assertThat(runner.awaitOutput("[default/" + retried + "] Creation is processed",
                    WAIT)).isTrue();
        }
    }

    public static class RetryingResumingHandlers {
        @OnCreate("kopfexamples.kopf.dev")
        public Map<String, Object> createFn(Retry retry) {
            return Map.of("attempt", retry.attempt());
        }

        @OnResume("kopfexamples.kopf.dev")
        public String resumeFn() {
            return "resumed";
        }
    }

    public static class SupersededHandlers {
        @OnCreate("kopfexamples.kopf.dev")
        public void createFn() {
        }

        @OnUpdate("kopfexamples.kopf.dev")
        @OnDelete("kopfexamples.kopf.dev")
        public void changeFn(Reason reason, Retry retry, Logger logger) {
            if (reason == Reason.UPDATE) {
                throw new TemporaryException("Later.", Duration.ofSeconds(60));
            }
            logger.info("Deleting at attempt {}.", retry.attempt());
        }
    }

    @Test
    void progressOfAnotherCauseIsSupersededNotContinued() throws Exception {
        String name = newName("superseded");
        try (KopfRunner runner = operator(SupersededHandlers.class)) {
            create(name, Map.of("field", "value"));
            assertThat(runner.awaitOutput("[default/" + name + "] Creation is processed", WAIT))
                    .isTrue();
            TestCluster.mergePatch(name, "{\"spec\":{\"field\":\"changed\"}}");
            assertThat(runner.awaitOutput("[default/" + name
                    + "] Handler 'changeFn' failed temporarily: Later.", WAIT)).isTrue();
            TestCluster.example(name).delete();
            // The update's record (one attempt, sleeping) does not carry over to deletion.
            assertThat(runner.awaitOutput("[default/" + name + "] Deleting at attempt 0.", WAIT))
                    .isTrue();
            TestCluster.awaitGone(name);
        }
    }
}
