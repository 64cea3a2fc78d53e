package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.await;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Lifecycle;
import dev.kopf.OnCreate;
import dev.kopf.OperatorSettings;
import dev.kopf.Status;
import dev.kopf.testing.KopfRunner;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lifecycles decide how many due handlers run per cycle, so what each one sees. */
class LifecyclesIT {

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
    }

    public static class ChainedHandlers {
        @OnCreate("kopfexamples.kopf.dev")
        public String first() {
            return "done";
        }

        /** Sees the first handler's result only when that was written in an earlier cycle. */
        @OnCreate("kopfexamples.kopf.dev")
        public String second(Status status) {
            return status.get("first") != null ? "after-first" : "same-cycle";
        }
    }

    @ParameterizedTest
    @CsvSource({"ALL_AT_ONCE, same-cycle", "SHUFFLED, same-cycle", "ONE_BY_ONE, after-first",
            "ASAP, after-first"})
    void handlersSeeEarlierCyclesResults(Lifecycle lifecycle, String expected)
            throws Exception {
        String name = newName("lifecycle");
        OperatorSettings settings = OperatorSettings.builder()
                .execution(e -> e.withDefaultBackoff(Duration.ofMillis(200))
                        .withLifecycle(lifecycle))
                .build();
        try (KopfRunner runner = KopfRunner.builder().client(TestCluster.client())
                .namespaces(TestCluster.NAMESPACE).settings(settings)
                .handlers(ChainedHandlers.class).start()) {
            assertThat(runner.awaitReady(WAIT)).isTrue();
            create(name, Map.of());
            assertThat(runner.awaitOutput("[default/" + name
                    + "] Creation is processed: 2 succeeded; 0 failed.", WAIT)).isTrue();
            var object = await(name, o -> status(o, "second") != null);
            // Shuffled may run either first, but both share one cycle and one write.
            assertThat(status(object, "second")).isEqualTo(expected);
        }
    }
}
