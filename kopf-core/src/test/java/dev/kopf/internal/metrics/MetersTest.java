package dev.kopf.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The meters' names, tags and no-op path, as {@code docs/metrics.md} documents them. */
class MetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Meters meters = Meters.of(registry);

    @Test
    void handlerCallsAreCountedAndTimedByHandlerResourceCauseAndOutcome() {
        meters.handlerCalled("createFn", "kopfexamples.kopf.dev", "create",
                Meters.Outcome.TEMPORARY, meters.startTime());
        meters.handlerCalled("createFn", "kopfexamples.kopf.dev", "create",
                Meters.Outcome.SUCCESS, meters.startTime());
        meters.handlerCalled("createFn", "kopfexamples.kopf.dev", "create",
                Meters.Outcome.SUCCESS, meters.startTime());

        assertThat(registry.get("kopf.handler.calls").tag("handler", "createFn")
                .tag("resource", "kopfexamples.kopf.dev").tag("cause", "create")
                .tag("outcome", "success").counter().count()).isEqualTo(2.0);
        assertThat(registry.get("kopf.handler.calls").tag("outcome", "temporary").counter()
                .count()).isEqualTo(1.0);
        Timer timer = registry.get("kopf.handler.duration").tag("outcome", "success").timer();
        assertThat(timer.count()).isEqualTo(2);
    }

    @Test
    void activitiesHaveAnEmptyResourceTag() {
        meters.handlerCalled("startupFn", null, "startup", Meters.Outcome.SUCCESS,
                meters.startTime());

        assertThat(registry.get("kopf.handler.calls").tag("resource", "")
                .tag("cause", "startup").counter().count()).isEqualTo(1.0);
    }

    @Test
    void outcomesAreNamedInSnakeCase() {
        assertThat(Meters.Outcome.values()).extracting(Meters.Outcome::tag)
                .containsExactly("success", "temporary", "permanent", "retries_exhausted",
                        "timeout");
    }

    @Test
    void watchEventsOfAListingAreTaggedListed() {
        meters.watchEvent("pods", null);
        meters.watchEvent("pods", "MODIFIED");

        assertThat(registry.get("kopf.watch.events").tag("type", "LISTED").counter().count())
                .isEqualTo(1.0);
        assertThat(registry.get("kopf.watch.events").tag("type", "MODIFIED").counter()
                .count()).isEqualTo(1.0);
    }

    @Test
    void apiRequestsAreCountedByVerbResourceAndCode() {
        meters.apiRequest("patch", "kopfexamples/status", 200);
        meters.apiRequest("patch", "kopfexamples/status", 200);
        meters.apiRequest("list", "kopfexamples", 403);

        assertThat(registry.get("kopf.api.requests").tag("verb", "patch")
                .tag("resource", "kopfexamples/status").tag("code", "200").counter().count())
                .isEqualTo(2.0);
        assertThat(registry.get("kopf.api.requests").tag("code", "403").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void gaugesReadTheirValueAtEachScrapeAndGoAwayOnClose() {
        AtomicInteger busy = new AtomicInteger(3);
        meters.workersBusy(busy::get);
        meters.objectsPending("pods", () -> 7);
        meters.indexSize("byName", () -> 2);
        meters.backgroundRunning(() -> 4, () -> 5);
        meters.leadership(() -> 1);

        assertThat(registry.get("kopf.workers.busy").gauge().value()).isEqualTo(3.0);
        busy.set(1);
        assertThat(registry.get("kopf.workers.busy").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("kopf.objects.pending").tag("resource", "pods").gauge()
                .value()).isEqualTo(7.0);
        assertThat(registry.get("kopf.index.size").tag("index", "byName").gauge().value())
                .isEqualTo(2.0);
        assertThat(registry.get("kopf.daemons.running").gauge().value()).isEqualTo(4.0);
        assertThat(registry.get("kopf.timers.running").gauge().value()).isEqualTo(5.0);
        assertThat(registry.get("kopf.peering.leader").gauge().value()).isEqualTo(1.0);

        meters.close();
        assertThat(registry.find("kopf.workers.busy").gauge()).isNull();
        assertThat(registry.find("kopf.objects.pending").gauge()).isNull();
    }

    @Test
    void withoutARegistryNothingIsRecordedAndNoTimeIsRead() {
        Meters none = Meters.of(null);

        assertThat(none).isSameAs(Meters.NOOP);
        assertThat(none.isEnabled()).isFalse();
        assertThat(none.startTime()).isZero();
        none.handlerCalled("fn", "pods", "create", Meters.Outcome.SUCCESS, 0);
        none.workersBusy(() -> 1);
        none.close();
        assertThat(registry.getMeters()).isEmpty();
    }
}
