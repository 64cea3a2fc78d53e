package dev.kopf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** client-go's defaults and its checks of the timings. */
class LeaderElectionTest {

    @Test
    void defaultsAreClientGosAndOff() {
        LeaderElection defaults = OperatorSettings.defaults().leaderElection();
        assertThat(defaults.enabled()).isFalse();
        assertThat(defaults.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(defaults.renewDeadline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.retryPeriod()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.withLease("op", "ns")).satisfies(le -> {
            assertThat(le.enabled()).isTrue();
            assertThat(le.leaseName()).isEqualTo("op");
            assertThat(le.leaseNamespace()).isEqualTo("ns");
        });
    }

    @Test
    void theBuilderKeepsTheGroupWhenOthersChange() {
        OperatorSettings settings = OperatorSettings.builder()
                .leaderElection(le -> le.withLease("op", null))
                .peering(p -> p.withPriority(5)).build();
        assertThat(settings.leaderElection().enabled()).isTrue();
    }

    @Test
    void timingsAreCheckedAsClientGoDoes() {
        LeaderElection defaults = LeaderElection.defaults();
        assertThatThrownBy(() -> defaults.withTimings(Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leaseDuration must be greater than renewDeadline: PT10S <= PT10S.");
        assertThatThrownBy(() -> defaults.withTimings(Duration.ofSeconds(15),
                Duration.ofSeconds(2), Duration.ofSeconds(2)))
                .hasMessage("renewDeadline must be greater than 1.2 × retryPeriod: PT2S <= "
                        + "1.2 × PT2S.");
    }
}
