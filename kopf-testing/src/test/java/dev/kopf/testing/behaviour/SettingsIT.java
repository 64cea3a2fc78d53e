package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.NAMESPACE;
import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.await;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.OnCreate;
import dev.kopf.OnStartup;
import dev.kopf.Operator;
import dev.kopf.OperatorSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Settings changed at startup are the settings in force, and the worker limit holds. */
class SettingsIT {

    static final AtomicInteger RUNNING = new AtomicInteger();
    static final AtomicInteger MOST = new AtomicInteger();

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
        RUNNING.set(0);
        MOST.set(0);
    }

    public static class LimitedHandlers {
        @OnStartup
        public void limit(OperatorSettings.Builder settings) {
            settings.queueing(q -> q.withWorkerLimit(1));
        }

        @OnCreate("kopfexamples.kopf.dev")
        public Map<String, Object> createFn() throws InterruptedException {
            MOST.accumulateAndGet(RUNNING.incrementAndGet(), Math::max);
            try {
                // Long enough for the other objects' workers to start, were they allowed to.
                new CountDownLatch(1).await(100, TimeUnit.MILLISECONDS);
                return Map.of("done", true);
            } finally {
                RUNNING.decrementAndGet();
            }
        }
    }

    @Test
    void aWorkerLimitSetAtStartupBoundsTheObjectsProcessedAtOnce() throws Exception {
        List<String> names = List.of(newName("limited"), newName("limited"),
                newName("limited"));
        try (Operator operator = Operator.builder().client(TestCluster.client())
                .handlers(LimitedHandlers.class).namespaces(List.of(NAMESPACE))
                .settings(TestCluster.fastSettings()).build()) {
            operator.start();
            assertThat(operator.awaitReady(WAIT)).isTrue();
            assertThat(operator.settings().queueing().workerLimit()).isEqualTo(1);
            assertThat(operator.settings().execution().defaultBackoff())
                    .as("what the startup handler did not change stays as given")
                    .isEqualTo(Duration.ofMillis(200));
            names.forEach(name -> create(name, Map.of("field", "value")));
            for (String name : names) {
                await(name, o -> status(o, "createFn") != null);
            }
        }
        assertThat(MOST).hasValue(1);
    }
}
