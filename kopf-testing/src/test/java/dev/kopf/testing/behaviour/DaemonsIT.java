package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.await;
import static dev.kopf.testing.behaviour.TestCluster.awaitGone;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.example;
import static dev.kopf.testing.behaviour.TestCluster.mergePatch;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.operator;
import static dev.kopf.testing.behaviour.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Daemon;
import dev.kopf.DaemonStopped;
import dev.kopf.DaemonStoppingReason;
import dev.kopf.Meta;
import dev.kopf.Retry;
import dev.kopf.TemporaryException;
import dev.kopf.testing.KopfRunner;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Daemons: started for matching objects, holding the finalizer while they run, stopped on
 * deletion, on a filter change and at operator exit; Kopf's cancellation steps; results in
 * status; restarts only after failures.
 */
class DaemonsIT {

    private static final String FINALIZER = "kopf.zalando.org/KopfFinalizerMarker";

    /** What the daemons report: "started name" and "stopped name REASON". */
    static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();
    /** Lets the stubborn daemons end once the test is over. */
    static volatile CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    @AfterEach
    void clean() {
        release.countDown();
        release = new CountDownLatch(1);
        TestCluster.deleteAll();
        EVENTS.clear();
    }

    private static String next() throws InterruptedException {
        String event = EVENTS.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (event == null) {
            TestCluster.diagnose("no daemon event within " + WAIT);
        }
        assertThat(event).as("a daemon event").isNotNull();
        return event;
    }

    private static boolean hasFinalizer(GenericKubernetesResource object) {
        List<String> finalizers = object.getMetadata().getFinalizers();
        return finalizers != null && finalizers.contains(FINALIZER);
    }

    public static class MonitorHandlers {
        @Daemon(value = "kopfexamples.kopf.dev", labels = "run=yes")
        public void monitor(DaemonStopped stopped, Meta meta) {
            EVENTS.add("started " + meta.name());
            while (!stopped.await(Duration.ofSeconds(10))) {
                EVENTS.add("alive " + meta.name());
            }
            EVENTS.add("stopped " + meta.name() + " " + stopped.reason());
        }
    }

    @Test
    void aDaemonRunsWhileTheObjectMatchesAndExistsAndHoldsTheFinalizer() throws Exception {
        String name = newName("daemon");
        try (KopfRunner runner = operator(MonitorHandlers.class)) {
            create(name, Map.of("field", "value"), Map.of("run", "yes"), Map.of());
            assertThat(next()).isEqualTo("started " + name);
            await(name, DaemonsIT::hasFinalizer);

            // The object stops matching: the daemon is stopped, the finalizer goes.
            mergePatch(name, "{\"metadata\":{\"labels\":{\"run\":\"no\"}}}");
            assertThat(next()).isEqualTo("stopped " + name + " "
                    + DaemonStoppingReason.FILTERS_MISMATCH);
            await(name, object -> !hasFinalizer(object));

            // It matches again: a new daemon starts.
            mergePatch(name, "{\"metadata\":{\"labels\":{\"run\":\"yes\"}}}");
            assertThat(next()).isEqualTo("started " + name);
            await(name, DaemonsIT::hasFinalizer);

            // Deletion stops it, and waits for it before the object goes.
            example(name).delete();
            assertThat(next()).isEqualTo("stopped " + name + " "
                    + DaemonStoppingReason.RESOURCE_DELETED);
            awaitGone(name);
            assertThat(runner.awaitOutput("[default/" + name + "] Daemon 'monitor' has exited on"
                    + " request and will not be retried or restarted.", WAIT)).isTrue();
        }
    }

    @Test
    void theOperatorsExitStopsItsDaemonsAndKeepsTheFinalizer() throws Exception {
        String name = newName("exiting");
        KopfRunner finished;
        try (KopfRunner runner = operator(MonitorHandlers.class)) {
            finished = runner;
            create(name, Map.of("field", "value"), Map.of("run", "yes"), Map.of());
            assertThat(next()).isEqualTo("started " + name);
            await(name, DaemonsIT::hasFinalizer);
        }
        assertThat(next()).isEqualTo("stopped " + name + " "
                + DaemonStoppingReason.OPERATOR_EXITING);
        assertThat(finished.output()).doesNotContain("did not exit in time");
        // The object stays protected for the next run of the operator.
        assertThat(hasFinalizer(example(name).get())).isTrue();
    }

    public static class ResultHandlers {
        @Daemon("kopfexamples.kopf.dev")
        public Map<String, Object> oneShot(Retry retry) {
            if (retry.attempt() < 2) {
                throw new TemporaryException("Not yet.", Duration.ofMillis(100));
            }
            return Map.of("attempts", retry.attempt() + 1);
        }
    }

    @Test
    void aDaemonIsRetriedAfterFailuresAndNotRestartedAfterItReturns() throws Exception {
        String name = newName("result");
        try (KopfRunner runner = operator(ResultHandlers.class)) {
            create(name, Map.of("field", "value"));
            GenericKubernetesResource object = await(name, o -> status(o, "oneShot") != null);
            assertThat(status(object, "oneShot")).isEqualTo(Map.of("attempts", 3));
            assertThat(runner.awaitOutput("Daemon 'oneShot' has exited on its own and will not"
                    + " be retried or restarted.", WAIT)).isTrue();
            // Done for good: nothing holds the object anymore.
            await(name, o -> !hasFinalizer(o));
            assertThat(Logs.count(runner.output(), "Daemon 'oneShot' failed temporarily: Not yet."))
                    .isEqualTo(2);
            assertThat(Logs.count(runner.output(), "Daemon 'oneShot' succeeded.")).isEqualTo(1);
        }
    }

    public static class StubbornHandlers {
        @Daemon(value = "kopfexamples.kopf.dev", labels = "kind=interruptible",
                cancellationBackoff = 0.2, cancellationTimeout = 30)
        public void interruptible(Meta meta) throws InterruptedException {
            EVENTS.add("started " + meta.name());
            // Ignores its flag; only an interrupt ends it.
            new CountDownLatch(1).await();
        }

        @Daemon(value = "kopfexamples.kopf.dev", labels = "kind=deaf",
                cancellationBackoff = 0.1, cancellationTimeout = 0.2)
        public void deaf(Meta meta) {
            EVENTS.add("started " + meta.name());
            while (true) {
                try {
                    if (release.await(10, TimeUnit.SECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    EVENTS.add("interrupted " + meta.name());
                }
            }
        }
    }

    @Test
    void aDaemonIgnoringItsFlagIsInterruptedAfterTheCancellationBackoff() throws Exception {
        String name = newName("interruptible");
        try (KopfRunner runner = operator(StubbornHandlers.class)) {
            create(name, Map.of("field", "value"), Map.of("kind", "interruptible"), Map.of());
            assertThat(next()).isEqualTo("started " + name);
            await(name, DaemonsIT::hasFinalizer);
            example(name).delete();
            awaitGone(name);
            String prefix = "[default/" + name + "] Daemon 'interruptible' ";
            assertThat(runner.awaitOutput(prefix + "is cancelled. Will escalate.", WAIT))
                    .isTrue();
            String output = runner.output();
            assertThat(output.indexOf(prefix + "is signalled to exit gracefully."))
                    .isPositive()
                    .isLessThan(output.indexOf(prefix + "is signalled to exit by force."));
            assertThat(output).doesNotContain(prefix + "did not exit in time.");
        }
    }

    @Test
    void aDaemonIgnoringItsInterruptIsAbandonedAfterTheCancellationTimeout() throws Exception {
        String name = newName("deaf");
        try (KopfRunner runner = operator(StubbornHandlers.class)) {
            create(name, Map.of("field", "value"), Map.of("kind", "deaf"), Map.of());
            assertThat(next()).isEqualTo("started " + name);
            await(name, DaemonsIT::hasFinalizer);
            example(name).delete();
            assertThat(next()).isEqualTo("interrupted " + name);
            // Abandoned: the finalizer is released although the daemon still runs.
            awaitGone(name);
            assertThat(runner.output()).contains("[default/" + name + "] Daemon 'deaf' did not"
                    + " exit in time. Leaving it orphaned.");
        }
    }
}
