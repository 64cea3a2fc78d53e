package dev.kopf.internal.clients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.OperatorSettings;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WatchOptionsTest {

    @Test
    void errorBackoffsAreFollowedInOrderAndTheLastOneRepeats() {
        WatchOptions options = new WatchOptions(null, null, null, List.of(1, 2, 5), null);

        assertThat(IntStream.rangeClosed(1, 5).mapToObj(options::backoff).toList())
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
                        Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void withoutErrorBackoffsTheReconnectBackoffIsUsed() {
        WatchOptions options = new WatchOptions(null, null, null, List.of(),
                Duration.ofMillis(250));

        assertThat(options.backoff(3)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void theSettingsGiveTheTimeoutsAndBackoffs() {
        OperatorSettings settings = OperatorSettings.builder()
                .watching(w -> w.withServerTimeout(Duration.ofSeconds(30))
                        .withClientTimeout(Duration.ofSeconds(60))
                        .withInactivityTimeout(Duration.ofSeconds(90)))
                .networking(n -> n.withErrorBackoffs(List.of(3, 4)))
                .build();

        assertThat(WatchOptions.of(settings)).isEqualTo(new WatchOptions(
                Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(90),
                List.of(3, 4), settings.watching().reconnectBackoff()));
    }
}
