package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.await;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.operator;
import static dev.kopf.testing.behaviour.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.OnCreate;
import dev.kopf.TemporaryException;
import dev.kopf.Timer;
import dev.kopf.testing.KopfRunner;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the operator logs per object: each line once, where Kopf logs it once. */
class LogHygieneIT {

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
    }

    public static class Creation {
        @OnCreate("kopfexamples.kopf.dev")
        public Map<String, Object> createFn() {
            return Map.of("created", true);
        }
    }

    @Test
    void handlingCycleIsFinishedOncePerChangeAsInKopf() throws Exception {
        String name = newName("cycles");
        String finished = "[default/" + name + "] Handling cycle is finished, waiting for new "
                + "changes.";
        KopfRunner stopped;
        try (KopfRunner runner = operator(Creation.class)) {
            stopped = runner;
            create(name, Map.of("field", "value"));
            // Said by the quiet cycle of the patch's echo, as Kopf does, not by both.
            assertThat(runner.awaitOutput(finished, WAIT)).isTrue();
        }
        assertThat(Logs.count(stopped.output(), finished)).isEqualTo(1);
        assertThat(stopped.output()).contains("[default/" + name + "] Something has changed, "
                + "but we are not interested (the essence is the same).");
    }

    public static class DelayedWithTimer {
        static final AtomicInteger ticks = new AtomicInteger();

        @OnCreate("kopfexamples.kopf.dev")
        public void createFn() {
            throw new TemporaryException("Not yet.", Duration.ofHours(1));
        }

        @Timer(value = "kopfexamples.kopf.dev", interval = 0.1)
        public int tick() {
            return ticks.incrementAndGet();
        }
    }

    @Test
    void anObjectWaitingForADelayedRetryDoesNotLogItsBodyOnEveryChange() throws Exception {
        String name = newName("delayed");
        KopfRunner finished;
        try (KopfRunner runner = operator(DelayedWithTimer.class)) {
            finished = runner;
            create(name, Map.of("field", "value"));
            assertThat(runner.awaitOutput("[default/" + name + "] Handler 'createFn' failed "
                    + "temporarily: Not yet.", WAIT)).isTrue();
            int seen = DelayedWithTimer.ticks.get();
            // Each tick writes the status: a change, and a cycle, while createFn sleeps.
            await(name, o -> status(o, "tick") instanceof Number n
                    && n.intValue() >= seen + 5);
        }
        assertThat(Logs.count(finished.output(), "[default/" + name
                + "] Creation is in progress: ")).isEqualTo(1);
    }
}
