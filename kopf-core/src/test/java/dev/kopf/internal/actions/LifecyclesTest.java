package dev.kopf.internal.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.ErrorsMode;
import dev.kopf.Lifecycle;
import dev.kopf.storage.ProgressRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LifecyclesTest {

    record H(String id) implements ExecutableHandler {
        public HandlerFn fn() {
            return context -> null;
        }

        public ErrorsMode errors() {
            return ErrorsMode.TEMPORARY;
        }

        public int retries() {
            return Integer.MAX_VALUE;
        }

        public Duration timeout() {
            return null;
        }

        public Duration backoff() {
            return null;
        }

        public ExecutableHandler subhandler(String childId, HandlerFn fn) {
            return new H(id + "/" + childId);
        }
    }

    private static final List<H> DUE = List.of(new H("a"), new H("b"), new H("c"));

    private static ProgressRecord attempted(int retries) {
        return new ProgressRecord(Instant.EPOCH, null, null, "create", retries, false, false,
                null, List.of());
    }

    @Test
    void allAtOnceAndShuffledRunEveryDueHandler() {
        assertThat(Lifecycles.plan(Lifecycle.ALL_AT_ONCE, DUE, Map.of(), new Random()))
                .containsExactlyElementsOf(DUE);
        assertThat(Lifecycles.plan(Lifecycle.SHUFFLED, DUE, Map.of(), new Random()))
                .containsExactlyInAnyOrderElementsOf(DUE);
    }

    @Test
    void oneByOneRunsTheFirstAndRandomizedRunsOne() {
        assertThat(Lifecycles.plan(Lifecycle.ONE_BY_ONE, DUE, Map.of(), new Random()))
                .containsExactly(new H("a"));
        assertThat(Lifecycles.plan(Lifecycle.RANDOMIZED, DUE, Map.of(), new Random()))
                .hasSize(1).isSubsetOf(DUE);
    }

    @Test
    void asapRunsTheHandlerWithTheFewestAttempts() {
        Map<String, ProgressRecord> state = new HashMap<>();
        state.put("a", attempted(2));
        state.put("b", attempted(1));
        assertThat(Lifecycles.plan(Lifecycle.ASAP, DUE, state, new Random()))
                .containsExactly(new H("c"));
        state.put("c", attempted(1));
        assertThat(Lifecycles.plan(Lifecycle.ASAP, DUE, state, new Random()))
                .containsExactly(new H("b"));
    }
}
