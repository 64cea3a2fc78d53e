package dev.kopf.testing.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Operator;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LaunchControlsTest {

    @Test
    void aStopBeforeTheOperatorIsAttachedRefusesTheAttachment() {
        LaunchControls controls = new LaunchControls();

        controls.requestStop();

        // Never started, never connected: the client only has to exist.
        Config unused = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:1")
                .build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(unused).build()) {
            assertThat(controls.isStopRequested()).isTrue();
            assertThat(controls.attach(Operator.builder().client(client).build())).isFalse();
        }
    }

    @Test
    void readinessIsFalseOnceTheRunEndedWithoutAnOperator() throws InterruptedException {
        LaunchControls controls = new LaunchControls();
        controls.finish();

        assertThat(controls.awaitReady(Duration.ofDays(1))).isFalse();
        assertThat(controls.awaitFinished(Duration.ofDays(1))).isTrue();
    }

    @Test
    void readinessTimesOutWithoutAnOperator() throws InterruptedException {
        assertThat(new LaunchControls().awaitReady(Duration.ZERO)).isFalse();
        assertThat(new LaunchControls().awaitFinished(Duration.ZERO)).isFalse();
    }

    @Test
    void theFirstFailureIsKept() {
        LaunchControls controls = new LaunchControls();
        IllegalStateException first = new IllegalStateException("first");

        controls.fail(first);
        controls.fail(new IllegalStateException("second"));

        assertThat(controls.exception()).isSameAs(first);
    }
}
