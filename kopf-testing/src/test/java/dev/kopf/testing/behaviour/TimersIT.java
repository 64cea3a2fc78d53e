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

import dev.kopf.DaemonStopped;
import dev.kopf.Meta;
import dev.kopf.Timer;
import dev.kopf.testing.KopfRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Timers: repeated calls that never overlap, sharp and idle schedules, results in status. */
class TimersIT {

    private static final String FINALIZER = "kopf.zalando.org/KopfFinalizerMarker";

    static final Set<String> RUNNING = ConcurrentHashMap.newKeySet();
    static final AtomicInteger OVERLAPS = new AtomicInteger();
    static final AtomicInteger CALLS = new AtomicInteger();
    static final BlockingQueue<Instant> IDLE_CALLS = new LinkedBlockingQueue<>();

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
        RUNNING.clear();
        OVERLAPS.set(0);
        CALLS.set(0);
        IDLE_CALLS.clear();
    }

    public static class SharpHandlers {
        @Timer(value = "kopfexamples.kopf.dev", interval = 0.05, sharp = true)
        public Map<String, Object> tick(DaemonStopped stopped, Meta meta) {
            if (!RUNNING.add(meta.name())) {
                OVERLAPS.incrementAndGet();
            }
            try {
                // Each call outlasts the interval: a sharp timer skips grid points instead.
                stopped.await(Duration.ofMillis(120));
                return Map.of("calls", CALLS.incrementAndGet());
            } finally {
                RUNNING.remove(meta.name());
            }
        }
    }

    @Test
    void aSharpTimerIsCalledRepeatedlyNeverOverlapsAndStoresItsResults() throws Exception {
        String name = newName("sharp");
        try (KopfRunner runner = operator(SharpHandlers.class)) {
            create(name, Map.of("field", "value"));
            await(name, o -> status(o, "tick") instanceof Map<?, ?> result
                    && ((Number) result.get("calls")).intValue() >= 3);
            assertThat(example(name).get().getMetadata().getFinalizers()).contains(FINALIZER);

            example(name).delete();
            awaitGone(name);
            assertThat(OVERLAPS).hasValue(0);
            assertThat(runner.output()).contains("[default/" + name + "] Timer 'tick' succeeded.")
                    .doesNotContain("Timer 'tick' failed");
        }
    }

    public static class IdleHandlers {
        @Timer(value = "kopfexamples.kopf.dev", idle = 0.5)
        public String quiet() {
            IDLE_CALLS.add(Instant.now());
            return "called";
        }
    }

    @Test
    void anIdleTimerIsCalledOnlyAfterTheObjectHasBeenQuietForTheIdleTime() throws Exception {
        String name = newName("idle");
        Duration idle = Duration.ofMillis(500);
        List<Instant> changes = new CopyOnWriteArrayList<>();
        try (KopfRunner runner = operator(IdleHandlers.class)) {
            changes.add(Instant.now());
            create(name, Map.of("field", "v0"));
            for (int i = 1; i <= 3; i++) {
                changes.add(Instant.now());
                mergePatch(name, "{\"spec\":{\"field\":\"v" + i + "\"}}");
            }
            Instant first = IDLE_CALLS.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            await(name, o -> "called".equals(status(o, "quiet")));

            // With no interval, the next call needs another change and another quiet period.
            changes.add(Instant.now());
            mergePatch(name, "{\"spec\":{\"field\":\"v4\"}}");
            Instant second = IDLE_CALLS.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(second).isNotNull();

            // The idle time counts from when the operator saw a change, after it was sent.
            for (Instant call : List.of(first, second)) {
                Instant lastChange = changes.stream().filter(c -> c.isBefore(call))
                        .max(Instant::compareTo).orElseThrow();
                assertThat(Duration.between(lastChange, call)).isGreaterThanOrEqualTo(idle);
            }
        }
    }
}
