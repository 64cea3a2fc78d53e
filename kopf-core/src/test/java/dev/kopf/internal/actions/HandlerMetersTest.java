package dev.kopf.internal.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.ErrorsMode;
import dev.kopf.PermanentException;
import dev.kopf.Resource;
import dev.kopf.TemporaryException;
import dev.kopf.internal.metrics.Meters;
import dev.kopf.storage.ProgressRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Each handler attempt is counted once with its outcome, as {@code kopf.handler.calls}
 * documents: success, temporary, permanent, retries exhausted, timeout.
 */
class HandlerMetersTest {

    private static final Resource PODS =
            new Resource("", "v1", "pods", "Pod", true, List.of(), List.of());
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HandlerExecutor executor = new HandlerExecutor(
            Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(1), Meters.of(registry));

    /** A handler with its limits, for the executor. */
    private record Stub(String id, HandlerFn fn, ErrorsMode errors, int retries,
            Duration timeout) implements ExecutableHandler {
        Stub(String id, HandlerFn fn) {
            this(id, fn, ErrorsMode.TEMPORARY, Integer.MAX_VALUE, null);
        }

        @Override
        public Duration backoff() {
            return null;
        }

        @Override
        public ExecutableHandler subhandler(String childId, HandlerFn child) {
            return new Stub(id + "/" + childId, child, errors, retries, timeout);
        }
    }

    private void run(ExecutableHandler handler, Map<String, ProgressRecord> stored) {
        executor.executeHandlers(List.of(handler), "create", stored,
                (h, retry, subs) -> DefaultContext.builder().resource(PODS).retry(retry)
                        .subhandlers(subs).handlerId(h.id()).build(),
                LoggerFactory.getLogger("test"));
    }

    private double calls(String handler, String outcome) {
        var counter = registry.find("kopf.handler.calls").tag("handler", handler)
                .tag("resource", "pods.v1").tag("cause", "create").tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void eachOutcomeIsCountedWithItsTag() {
        run(new Stub("ok", context -> null), Map.of());
        run(new Stub("later", context -> {
            throw new TemporaryException("Not yet.", Duration.ofSeconds(1));
        }), Map.of());
        run(new Stub("never", context -> {
            throw new PermanentException("No.");
        }), Map.of());
        run(new Stub("crash", context -> {
            throw new IllegalStateException("Boom.");
        }), Map.of());

        assertThat(calls("ok", "success")).isEqualTo(1.0);
        assertThat(calls("later", "temporary")).isEqualTo(1.0);
        assertThat(calls("never", "permanent")).isEqualTo(1.0);
        assertThat(calls("crash", "temporary")).isEqualTo(1.0);
        assertThat(registry.get("kopf.handler.duration").tag("handler", "ok").timer().count())
                .isEqualTo(1);
    }

    @Test
    void exhaustedRetriesAndTimeoutsAreTheirOwnOutcomes() {
        ProgressRecord retried = new ProgressRecord(NOW.minusSeconds(5), null, null, "create",
                3, false, false, "Not yet.", List.of());
        run(new Stub("limited", context -> null, ErrorsMode.TEMPORARY, 3, null),
                Map.of("limited", retried));
        run(new Stub("slow", context -> null, ErrorsMode.TEMPORARY, Integer.MAX_VALUE,
                Duration.ofSeconds(2)), Map.of("slow", new ProgressRecord(NOW.minusSeconds(5),
                        null, null, "create", 1, false, false, null, List.of())));

        assertThat(calls("limited", "retries_exhausted")).isEqualTo(1.0);
        assertThat(calls("slow", "timeout")).isEqualTo(1.0);
    }

    @Test
    void subHandlersAreCountedApartFromTheirParent() {
        run(new Stub("parent", context -> {
            context.subhandlers().register("child", child -> null);
            return null;
        }), Map.of());

        assertThat(calls("parent/child", "success")).isEqualTo(1.0);
        assertThat(calls("parent", "success")).isEqualTo(1.0);
    }
}
