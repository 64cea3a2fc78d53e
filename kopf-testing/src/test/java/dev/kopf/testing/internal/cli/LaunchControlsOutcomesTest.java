package dev.kopf.testing.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.HandlerOutcome;
import dev.kopf.Operator;
import dev.kopf.Reason;
import dev.kopf.Resource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Outcomes handed from the run to whoever started it. */
class LaunchControlsOutcomesTest {

    @Test
    void outcomesGivenToTheListenerAreListedAndAwaited() throws InterruptedException {
        LaunchControls controls = new LaunchControls();
        HandlerOutcome outcome = outcome("createFn");

        controls.outcomeListener().accept(outcome);

        assertThat(controls.isReportingOutcomes()).isTrue();
        assertThat(controls.outcomes()).containsExactly(outcome);
        assertThat(controls.awaitOutcome(o -> o.handlerId().equals("createFn"), Duration.ZERO))
                .isTrue();
        assertThat(controls.awaitOutcome(o -> o.handlerId().equals("other"), Duration.ZERO))
                .isFalse();
    }

    @Test
    void aRunThatAttachesWithoutTheListenerIsKnownNotToReport() throws InterruptedException {
        LaunchControls controls = new LaunchControls();
        assertThat(controls.isKnownNotToReportOutcomes()).isFalse();

        Config unused = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:1")
                .build();
        try (KubernetesClient client =
                new KubernetesClientBuilder().withConfig(unused).build()) {
            assertThat(controls.attach(Operator.builder().client(client).build())).isTrue();

            assertThat(controls.isKnownNotToReportOutcomes()).isTrue();
            assertThat(controls.awaitOutcome(o -> true, Duration.ofDays(1))).isFalse();
        }
    }

    @Test
    void aRunThatEndsBeforeStartingIsNotBlamedForMissingOutcomes() {
        LaunchControls controls = new LaunchControls();

        controls.finish();

        assertThat(controls.isKnownNotToReportOutcomes()).isFalse();
        assertThat(controls.outcomes()).isEmpty();
    }

    private static HandlerOutcome outcome(String id) {
        return new HandlerOutcome(new Resource("kopf.dev", "v1", "kopfexamples", "KopfExample", true,
                null, null), "default",
                "kopf-example-1", id, Reason.CREATE, HandlerOutcome.Result.SUCCEEDED, 0, null);
    }
}
