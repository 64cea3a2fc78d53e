package dev.kopf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The sharding group: off by default, kept by the builder, its values checked. */
class ShardingSettingsTest {

    @Test
    void defaultsAreOffWithLeaseTimingsAsLeaderElections() {
        ShardingSettings defaults = OperatorSettings.defaults().sharding();
        assertThat(defaults.enabled()).isFalse();
        assertThat(defaults.ring()).isEqualTo("kopf");
        assertThat(defaults.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(defaults.hashingKey()).isEqualTo(ShardingSettings.HashingKey.NAME);
        assertThat(defaults.withRing("web")).satisfies(s -> {
            assertThat(s.enabled()).isTrue();
            assertThat(s.ring()).isEqualTo("web");
        });
    }

    @Test
    void theBuilderKeepsTheGroupWhenOthersChange() {
        OperatorSettings settings = OperatorSettings.builder().sharding(s -> s.withRing("web"))
                .peering(p -> p.withStandalone(true)).leaderElection(le -> le).build();
        assertThat(settings.sharding().ring()).isEqualTo("web");
    }

    @Test
    void badValuesAreRefusedWithTheValue() {
        ShardingSettings defaults = ShardingSettings.defaults();
        assertThatThrownBy(() -> defaults.withRing("Web_Ring"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The sharding ring's name must be a DNS label of at most 40 "
                        + "characters (a-z, 0-9, -): 'Web_Ring'.");
        assertThatThrownBy(() -> defaults.withVirtualNodes(0))
                .hasMessage("Sharding's virtualNodes must be >= 1: 0.");
        assertThatThrownBy(() -> defaults.withTimings(Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("Sharding's leaseDuration must be greater than renewDeadline: "
                        + "PT2S <= PT2S.");
    }
}
