package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.await;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.operator;
import static dev.kopf.testing.behaviour.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.ErrorsMode;
import dev.kopf.OnCreate;
import dev.kopf.PermanentException;
import dev.kopf.Retry;
import dev.kopf.TemporaryException;
import dev.kopf.testing.KopfRunner;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retry-until-success: temporary and permanent errors, error modes, retry and time limits. */
class RetriesIT {

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
    }

    public static class TemporaryHandlers {
        @OnCreate("kopfexamples.kopf.dev")
        public Map<String, Object> createFn(Retry retry) {
            if (retry.attempt() < 2) {
                throw new TemporaryException("Not yet.", Duration.ofMillis(300));
            }
            return Map.of("attempt", retry.attempt());
        }
    }

    @Test
    void temporaryErrorIsRetriedAfterItsDelayUntilSuccess() throws Exception {
        String name = newName("temporary");
        try (KopfRunner runner = operator(TemporaryHandlers.class)) {
            create(name, Map.of("field", "value"));
            GenericKubernetesResource object = await(name, o -> status(o, "createFn") != null);
            assertThat(status(object, "createFn")).isEqualTo(Map.of("attempt", 2));
            assertThat(runner.awaitOutput("Creation is processed: 1 succeeded; 0 failed.", WAIT))
                    .isTrue();
            assertThat(Logs.count(runner.output(), "[default/" + name
                    + "] Handler 'createFn' failed temporarily: Not yet.")).isEqualTo(2);
            // The finished cycle leaves no progress records behind.
            assertThat(status(object, "kopf").toString()).doesNotContain("createFn");
        }
    }

    public static class PermanentHandlers {
        @OnCreate("kopfexamples.kopf.dev")
        public Map<String, Object> createFn() {
            throw new PermanentException("Cannot be done.");
        }
    }

    @Test
    void permanentErrorFailsTheHandlerWithoutRetries() throws Exception {
        String name = newName("permanent");
        KopfRunner finished;
        try (KopfRunner runner = operator(PermanentHandlers.class)) {
            finished = runner;
            create(name, Map.of("field", "value"));
            assertThat(runner.awaitOutput("[default/" + name
                    + "] Creation is processed: 0 succeeded; 1 failed.", WAIT)).isTrue();
        }
        assertThat(Logs.count(finished.output(),
                "Handler 'createFn' failed permanently: Cannot be done.")).isEqualTo(1);
        assertThat(status(TestCluster.example(name).get(), "createFn")).isNull();
    }

    public static class LimitedHandlers {
        @OnCreate(value = "kopfexamples.kopf.dev", retries = 2, backoff = 0.1)
        public void retriedFn() {
            throw new IllegalStateException("Boom.");
        }

        @OnCreate(value = "kopfexamples.kopf.dev", timeout = 0.5)
        public void timedFn() {
            throw new TemporaryException("Slow.", Duration.ofMillis(600));
        }

        @OnCreate(value = "kopfexamples.kopf.dev", errors = ErrorsMode.PERMANENT)
        public void strictFn() {
            throw new IllegalStateException("Strict.");
        }

        @OnCreate(value = "kopfexamples.kopf.dev", errors = ErrorsMode.IGNORED)
        public void lenientFn() {
            throw new IllegalStateException("Lenient.");
        }
    }

    @Test
    void retriesTimeoutsAndErrorModesEndHandlersAsKopfDoes() throws Exception {
        String name = newName("limits");
        KopfRunner finished;
        try (KopfRunner runner = operator(LimitedHandlers.class)) {
            finished = runner;
            create(name, Map.of("field", "value"));
            assertThat(runner.awaitOutput("[default/" + name
                    + "] Creation is processed: 0 succeeded; 4 failed.", WAIT)).isTrue();
        }
        String output = finished.output();
        assertThat(output).contains("Handler 'retriedFn' failed with an exception and will try "
                + "again in 0.1 seconds: Boom.");
        assertThat(output).contains(
                "Handler 'retriedFn' failed permanently: Handler 'retriedFn' has exceeded 2 retries.");
        assertThat(output).contains("Handler 'timedFn' failed permanently: Handler 'timedFn' "
                + "has timed out after");
        assertThat(output).contains(
                "Handler 'strictFn' failed with an exception and will stop now: Strict.");
        assertThat(output).contains(
                "Handler 'lenientFn' failed with an exception and will ignore it: Lenient.");
        assertThat(Logs.count(output, "Handler 'retriedFn' failed with an exception"))
                .isEqualTo(2);
    }
}
