package dev.kopf.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.kopf.HandlerOutcome;
import dev.kopf.HandlerOutcome.Result;
import dev.kopf.OnCreate;
import dev.kopf.OperatorSettings;
import dev.kopf.Retry;
import dev.kopf.TemporaryException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@code KopfRunner.outcomes()}: handler outcomes without parsing logs. */
@KopfTest(crds = "../examples/crd.yaml")
class KopfRunnerOutcomesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    io.fabric8.kubernetes.client.KubernetesClient client;

    /** Fails twice, then succeeds. */
    public static class FlakyHandlers {
        @OnCreate("kopfexamples")
        public Map<String, Object> createFn(Retry retry) {
            if (retry.attempt() < 2) {
                throw new TemporaryException("Not yet.", Duration.ofMillis(100));
            }
            return Map.of("message", "at last");
        }
    }

    /** Kopf's defaults with short retries. */
    static final Supplier<OperatorSettings> FAST = () -> OperatorSettings.builder()
            .execution(e -> e.withDefaultBackoff(Duration.ofMillis(200))).build();

    @Test
    void everyAttemptIsListedInOrder() throws InterruptedException {
        try (KopfRunner runner = KopfRunner.builder().client(client)
                .handlers(FlakyHandlers.class).namespaces("default").settings(FAST.get())
                .start()) {
            assertThat(runner.awaitReady(WAIT)).isTrue();
            assertThat(runner.outcomes()).isEmpty();
            client.genericKubernetesResources(KopfExtensionTest.KOPFEXAMPLES)
                    .inNamespace("default").resource(KopfExtensionTest.example("flaky"))
                    .create();

            assertThat(runner.awaitOutcome(o -> o.result() == Result.SUCCEEDED, WAIT)).isTrue();
            assertThat(runner.outcomes())
                    .extracting(HandlerOutcome::name, HandlerOutcome::handlerId,
                            HandlerOutcome::result, HandlerOutcome::attempt,
                            HandlerOutcome::message)
                    .containsExactly(
                            tuple("flaky", "createFn", Result.RETRYING, 0, "Not yet."),
                            tuple("flaky", "createFn", Result.RETRYING, 1, "Not yet."),
                            tuple("flaky", "createFn", Result.SUCCEEDED, 2, null));
        }
    }

    @Test
    void awaitingAnOutcomeThatNeverComesTimesOutOrEndsWithTheRun()
            throws InterruptedException {
        KopfRunner runner = KopfRunner.builder().client(client).handlers(FlakyHandlers.class)
                .namespaces("default").start();
        try (runner) {
            assertThat(runner.awaitReady(WAIT)).isTrue();
            assertThat(runner.awaitOutcome(o -> true, Duration.ofMillis(50))).isFalse();
        }
        assertThat(runner.awaitOutcome(o -> true, WAIT)).isFalse();
        assertThat(runner.outcomes()).isEmpty();
    }
}
