package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.await;
import static dev.kopf.testing.behaviour.TestCluster.client;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.OnCreate;
import dev.kopf.OnEvent;
import dev.kopf.Retry;
import dev.kopf.TemporaryException;
import dev.kopf.testing.KopfRunner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An operator's meters in a registry the test passes, as an embedding application does. */
class MetricsIT {

    private static final String RESOURCE = "kopfexamples.v1.kopf.dev";

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
    }

    /** Fails once, then succeeds; an event handler sees every event. */
    public static class FlakyHandlers {
        @OnCreate("kopfexamples.kopf.dev")
        public Map<String, Object> createFn(Retry retry) {
            if (retry.attempt() < 1) {
                throw new TemporaryException("Not yet.", Duration.ofMillis(100));
            }
            return Map.of("message", "at last");
        }

        @OnEvent("kopfexamples.kopf.dev")
        public void eventFn() {
        }
    }

    private static double count(SimpleMeterRegistry registry, String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void handlerCallsAreCountedWithTheirOutcomes() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        String name = newName("metrics");
        try (KopfRunner runner = KopfRunner.builder().client(client())
                .handlers(FlakyHandlers.class).namespaces(TestCluster.NAMESPACE)
                .settings(TestCluster.fastSettings()).meterRegistry(registry).start()) {
            assertThat(runner.awaitReady(WAIT)).isTrue();
            create(name, Map.of("field", "value"));
            await(name, object -> status(object, "createFn") != null);

            assertThat(count(registry, "kopf.handler.calls", "handler", "createFn",
                    "resource", RESOURCE, "cause", "create", "outcome", "temporary"))
                    .isEqualTo(1.0);
            assertThat(count(registry, "kopf.handler.calls", "handler", "createFn",
                    "resource", RESOURCE, "cause", "create", "outcome", "success"))
                    .isEqualTo(1.0);
            assertThat(registry.get("kopf.handler.duration").tags("handler", "createFn",
                    "outcome", "success").timer().count()).isEqualTo(1);
            assertThat(count(registry, "kopf.handler.calls", "handler", "eventFn",
                    "cause", "event", "outcome", "success")).isGreaterThanOrEqualTo(1.0);
            assertThat(count(registry, "kopf.objects.processed", "resource", RESOURCE))
                    .isGreaterThanOrEqualTo(2.0);
            assertThat(count(registry, "kopf.watch.events", "resource", RESOURCE,
                    "type", "ADDED")).isGreaterThanOrEqualTo(1.0);
            assertThat(count(registry, "kopf.watch.connects", "resource", RESOURCE))
                    .isGreaterThanOrEqualTo(1.0);
            assertThat(count(registry, "kopf.api.requests", "verb", "list",
                    "resource", "kopfexamples", "code", "200")).isGreaterThanOrEqualTo(1.0);
            assertThat(registry.find("kopf.api.requests").tag("verb", "patch").counters())
                    .isNotEmpty();
            assertThat(registry.get("kopf.workers.busy").gauge().value())
                    .isGreaterThanOrEqualTo(0.0);
            assertThat(registry.get("kopf.objects.pending").tag("resource", RESOURCE).gauge()
                    .value()).isGreaterThanOrEqualTo(0.0);
        }
        // A stopped operator reports no state; its counts stay.
        assertThat(registry.find("kopf.workers.busy").gauge()).isNull();
        assertThat(count(registry, "kopf.handler.calls", "handler", "createFn",
                "outcome", "success")).isEqualTo(1.0);
    }
}
