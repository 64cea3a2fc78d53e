package dev.kopf.internal.engines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.ErrorsMode;
import dev.kopf.internal.intents.Filters;
import dev.kopf.internal.intents.TimerHandler;
import dev.kopf.storage.ProgressRecord;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a timer is called next, as Kopf's {@code _timer} decides after each call. */
class TimerScheduleTest {

    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");

    private static TimerHandler timer(Duration interval, Duration idle, boolean sharp) {
        return new TimerHandler("tick", null, Filters.NONE, context -> null,
                ErrorsMode.TEMPORARY, Integer.MAX_VALUE, null, null, "", Duration.ZERO,
                interval, idle, sharp, "Handlers.tick()");
    }

    private static ProgressRecord succeeded() {
        return new ProgressRecord(STARTED, STARTED, null, null, 1, true, false, null, null);
    }

    @Test
    void aRegularTimerWaitsTheIntervalFromTheEndOfTheCall() {
        Instant ended = STARTED.plusSeconds(3);

        assertThat(TimerRun.nextCall(timer(Duration.ofSeconds(10), null, false), STARTED, ended,
                succeeded())).isEqualTo(ended.plusSeconds(10));
    }

    @Test
    void aSharpTimerKeepsToTheGridOfTheInterval() {
        TimerHandler sharp = timer(Duration.ofSeconds(10), null, true);

        assertThat(TimerRun.nextCall(sharp, STARTED, STARTED.plusSeconds(3), succeeded()))
                .isEqualTo(STARTED.plusSeconds(10));
        // A call that overruns skips the grid points it covered.
        assertThat(TimerRun.nextCall(sharp, STARTED, STARTED.plusSeconds(23), succeeded()))
                .isEqualTo(STARTED.plusSeconds(30));
    }

    @Test
    void aFailedCallIsRetriedAfterItsDelayInsteadOfTheInterval() {
        ProgressRecord delayed = new ProgressRecord(STARTED, null, STARTED.plusSeconds(2), null,
                1, false, false, "Not yet.", null);

        assertThat(TimerRun.nextCall(timer(Duration.ofSeconds(60), null, true), STARTED,
                STARTED.plusSeconds(1), delayed)).isEqualTo(STARTED.plusSeconds(2));
    }

    @Test
    void anIdleOnlyTimerWaitsForTheNextChange() {
        assertThat(TimerRun.nextCall(timer(null, Duration.ofSeconds(5), false), STARTED,
                STARTED.plusSeconds(1), succeeded())).isNull();
    }
}
