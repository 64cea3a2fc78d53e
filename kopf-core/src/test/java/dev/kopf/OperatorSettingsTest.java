package dev.kopf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {

    @Test
    void defaultsAreKopfs() {
        OperatorSettings settings = OperatorSettings.defaults();

        assertThat(settings.posting()).isEqualTo(new PostingSettings(true, false,
                "INFO", "kopf", "dev", "kopf-event-"));
        assertThat(settings.queueing().errorDelays())
                .containsExactly(1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610);
        assertThat(settings.execution().defaultBackoff()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.persistence().finalizer())
                .isEqualTo("kopf.zalando.org/KopfFinalizerMarker");
        assertThat(settings.networking().errorBackoffs()).containsExactly(1, 1, 2, 3, 5, 8, 13,
                21);
        assertThat(settings.background().cancellationPolling())
                .isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.process().ultimateExitingTimeout())
                .isEqualTo(Duration.ofSeconds(600));
        assertThat(settings.peering()).isEqualTo(new PeeringSettings("default", 0,
                Duration.ofSeconds(60), false, false, false));
        assertThat(settings.admission().managed()).isNull();
    }

    @Test
    void aBuilderChangesOnlyTheGroupsItIsToldTo() {
        OperatorSettings defaults = OperatorSettings.defaults();
        OperatorSettings changed = defaults.toBuilder()
                .posting(p -> p.withLevel("WARN").withEventNamePrefix("x-"))
                .queueing(q -> q.withWorkerLimit(3))
                .background(b -> b.withCancellationPolling(Duration.ofSeconds(1)))
                .process(p -> p.withUltimateExitingTimeout(Duration.ofSeconds(5)))
                .peering(p -> p.withPriority(100))
                .build();

        assertThat(changed.posting().level()).isEqualTo("WARN");
        assertThat(changed.posting().eventNamePrefix()).isEqualTo("x-");
        assertThat(changed.queueing().workerLimit()).isEqualTo(3);
        assertThat(changed.background().cancellationPolling()).isEqualTo(Duration.ofSeconds(1));
        assertThat(changed.process().ultimateExitingTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(changed.peering().priority()).isEqualTo(100);
        assertThat(changed.watching()).isEqualTo(defaults.watching());
        assertThat(changed.persistence()).isEqualTo(defaults.persistence());
        assertThat(defaults.posting().level()).as("the original is unchanged").isEqualTo("INFO");
    }

    @Test
    void rejectsValuesThatCannotWork() {
        assertThatThrownBy(() -> OperatorSettings.defaults().posting().withLevel("WARNING"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("posting.level must be DEBUG, INFO, WARN or ERROR: WARNING");
        assertThatThrownBy(() -> OperatorSettings.defaults().queueing().withWorkerLimit(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(OperatorSettings.defaults().networking()
                .withErrorBackoffs(List.of()).errorBackoffs()).isEmpty();
    }
}
