package dev.kopf.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void medianIgnoresUnmeasuredValues() {
        assertThat(Stats.median(List.of(Double.NaN, 5.0, 7.0, Double.NaN))).isEqualTo(6.0);
        assertThat(Stats.median(List.of(Double.NaN))).isNaN();
        assertThat(Stats.median(List.of())).isNaN();
    }

    @Test
    void percentileIsNearestRank() {
        List<Double> values = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            values.add((double) i);
        }
        assertThat(Stats.percentile(values, 50)).isEqualTo(100.0);
        assertThat(Stats.percentile(values, 99)).isEqualTo(198.0);
        assertThat(Stats.percentile(values, 100)).isEqualTo(200.0);
        assertThat(Stats.percentile(List.of(7.0), 99)).isEqualTo(7.0);
    }

    @Test
    void percentileOutsideItsRangeIsRefused() {
        assertThatThrownBy(() -> Stats.percentile(List.of(1.0), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(0, 100]");
    }

    @Test
    void ratioOfUnmeasuredOrZeroIsNaN() {
        assertThat(Stats.ratio(3, 2)).isEqualTo(1.5);
        assertThat(Stats.ratio(Double.NaN, 2)).isNaN();
        assertThat(Stats.ratio(1, 0)).isNaN();
    }
}
