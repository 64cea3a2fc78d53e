package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.NAMESPACE;
import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.await;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.operator;
import static dev.kopf.testing.behaviour.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.kopf.ConnectionInfo;
import dev.kopf.Memo;
import dev.kopf.OnCleanup;
import dev.kopf.OnCreate;
import dev.kopf.OnDelete;
import dev.kopf.OnLogin;
import dev.kopf.OnStartup;
import dev.kopf.Operator;
import dev.kopf.OperatorSettings;
import dev.kopf.PermanentException;
import dev.kopf.Retry;
import dev.kopf.TemporaryException;
import dev.kopf.testing.KopfRunner;
import dev.kopf.testing.RecordedCall;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Operator activities: startup (retries, settings, failure), cleanup, and login on 401. */
class ActivitiesIT {

    static final List<String> CALLS = new CopyOnWriteArrayList<>();
    static final AtomicInteger LOGINS = new AtomicInteger();

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
        CALLS.clear();
        LOGINS.set(0);
    }

    public static class StartupHandlers {
        @OnStartup
        public void retriedFn(Retry retry, Memo memo) {
            CALLS.add("startup " + retry.attempt());
            if (retry.attempt() < 2) {
                throw new TemporaryException("Not ready.", Duration.ofMillis(100));
            }
            memo.put("greeting", "hello");
        }

        @OnStartup
        public void configureFn(OperatorSettings.Builder settings) {
            settings.persistence(p -> p.withFinalizer("example.com/test-finalizer"));
        }

        @OnCreate("kopfexamples.kopf.dev")
        public Map<String, Object> createFn(Memo memo) {
            return Map.of("greeting", memo.get("greeting"));
        }

        @OnDelete("kopfexamples.kopf.dev")
        public void deleteFn() {
        }

        @OnCleanup
        public void cleanupFn(OperatorSettings settings) {
            CALLS.add("cleanup " + settings.persistence().finalizer());
        }
    }

    @Test
    void startupIsRetriedItsSettingsTakeEffectAndCleanupRunsAtTheEnd() throws Exception {
        String name = newName("activities");
        KopfRunner finished;
        try (KopfRunner runner = operator(StartupHandlers.class)) {
            finished = runner;
            assertThat(CALLS).containsExactly("startup 0", "startup 1", "startup 2");
            create(name, Map.of("field", "value"));
            var object = await(name, o -> status(o, "createFn") != null);
            // The operator memo filled at startup is what each object's memo starts from.
            assertThat(status(object, "createFn")).isEqualTo(Map.of("greeting", "hello"));
            assertThat(object.getMetadata().getFinalizers())
                    .containsExactly("example.com/test-finalizer");
            assertThat(CALLS).doesNotContain("cleanup example.com/test-finalizer");
        }
        assertThat(CALLS).endsWith("cleanup example.com/test-finalizer");
        String output = finished.output();
        assertThat(Logs.count(output, "Activity 'retriedFn' failed temporarily: Not ready."))
                .isEqualTo(2);
        assertThat(output).contains("Activity 'retriedFn' succeeded.")
                .contains("Activity 'configureFn' succeeded.")
                .contains("Activity 'cleanupFn' succeeded.");
        assertThat(output.indexOf("Stop-flag is raised. Operator is stopping."))
                .isLessThan(output.indexOf("Activity 'cleanupFn' succeeded."));
    }

    public static class FailingStartupHandlers {
        @OnStartup
        public void startupFn() {
            throw new PermanentException("Database is not reachable.");
        }

        @OnCreate("kopfexamples.kopf.dev")
        public void createFn() {
            CALLS.add("created");
        }

        @OnCleanup
        public void cleanupFn() {
            CALLS.add("cleanup");
        }
    }

    @Test
    void aFailedStartupStopsTheOperatorBeforeAnythingIsWatched() throws Exception {
        Operator operator = Operator.builder().client(TestCluster.client())
                .handlers(FailingStartupHandlers.class).namespaces(List.of(NAMESPACE)).build();
        operator.start();
        assertThat(operator.awaitTermination(WAIT)).isTrue();

        assertThat(operator.awaitReady(Duration.ZERO)).isFalse();
        assertThat(operator.failure()).hasMessage("Startup activity has failed: 1 handler "
                + "failed: 'startupFn': Database is not reachable.");
        // Neither handlers nor the cleanup run after a failed startup, as in Kopf.
        assertThat(CALLS).isEmpty();
    }

    public static class LoginHandlers {
        @OnLogin
        public ConnectionInfo loginFn() {
            int login = LOGINS.incrementAndGet();
            return ConnectionInfo.builder().server(TestCluster.server().url())
                    .token("token-" + login).build();
        }

        @OnCreate("kopfexamples.kopf.dev")
        public Map<String, Object> createFn() {
            return Map.of("logins", LOGINS.get());
        }
    }

    @Test
    void theLoginHandlersRunAgainWhenTheServerAnswers401() throws Exception {
        assumeThat(TestCluster.isEmbedded()).as("faults are injected into the embedded server")
                .isTrue();
        String name = newName("login");
        TestCluster.server().clearCalls();
        // The operator's first request after the login is the discovery of the API groups.
        TestCluster.server().failNext("GET", "/apis", 401, "Unauthorized");
        try (KopfRunner runner = KopfRunner.builder().handlers(LoginHandlers.class)
                .namespaces(NAMESPACE).settings(TestCluster.fastSettings()).start()) {
            assertThat(runner.awaitReady(WAIT)).as(runner.output()).isTrue();
            create(name, Map.of("field", "value"));
            var object = await(name, o -> status(o, "createFn") != null);

            assertThat(status(object, "createFn")).isEqualTo(Map.of("logins", 2));
            assertThat(runner.output()).contains("Initial authentication has been initiated.")
                    .contains("Initial authentication has finished.")
                    .contains("Re-authentication has been initiated.")
                    .contains("Re-authentication has finished.");
            List<Integer> discovery = TestCluster.server().calls().stream()
                    .filter(call -> call.path().equals("/apis")).map(RecordedCall::code)
                    .toList();
            assertThat(discovery).startsWith(401, 200);
        }
    }
}
