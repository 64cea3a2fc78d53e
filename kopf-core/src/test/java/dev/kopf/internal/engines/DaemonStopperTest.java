package dev.kopf.internal.engines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.DaemonStoppingReason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DaemonStopperTest {

    private final DaemonStopper stopper = new DaemonStopper();

    @Test
    void isNotSetUntilRaised() {
        assertThat(stopper.isSet()).isFalse();
        assertThat(stopper.reason()).isNull();
        assertThat(stopper.reasons()).isEmpty();
        assertThat(stopper.await(Duration.ZERO)).isFalse();
    }

    @Test
    void keepsTheFirstReasonAndAccumulatesTheSteps() {
        stopper.set(DaemonStoppingReason.RESOURCE_DELETED);
        stopper.set(DaemonStoppingReason.DAEMON_SIGNALLED);

        assertThat(stopper.isSet()).isTrue();
        assertThat(stopper.await(Duration.ofDays(1))).isTrue();
        assertThat(stopper.reason()).isEqualTo(DaemonStoppingReason.RESOURCE_DELETED);
        assertThat(stopper.reasons()).containsExactly(DaemonStoppingReason.RESOURCE_DELETED,
                DaemonStoppingReason.DAEMON_SIGNALLED);
        assertThat(stopper.reasons()).doesNotContain(DaemonStoppingReason.DAEMON_CANCELLED);
    }

    @Test
    void anInterruptEndsTheWaitAndKeepsTheInterruptedStatus() {
        Thread.currentThread().interrupt();
        try {
            assertThat(stopper.await(Duration.ofDays(1))).isTrue();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
