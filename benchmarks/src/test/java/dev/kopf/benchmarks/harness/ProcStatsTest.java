package dev.kopf.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatsTest {

    private static final String STATUS = String.join("\n",
            "Name:\tjava",
            "VmPeak:\t 5000000 kB",
            "VmHWM:\t  204316 kB",
            "VmRSS:\t  180000 kB",
            "Threads:\t90",
            "");

    @Test
    void cpuIsUserPlusSystemTicksAfterTheCommandName() {
        // The command name may contain spaces and parentheses; fields count from its end.
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 "
                + "250 37 0 0 20 0 90 0 12345 5000000 51079";
        ProcStats stats = ProcStats.parse(stat, STATUS);
        assertThat(stats.cpuTicks()).isEqualTo(287);
    }

    @Test
    void memoryAndThreadsComeFromStatus() {
        String stat = "1 (sh) S 0 1 1 0 -1 0 0 0 0 0 5 6 0 0 20 0 1 0 1 1 1";
        ProcStats stats = ProcStats.parse(stat, STATUS);
        assertThat(stats.peakRssKib()).isEqualTo(204316);
        assertThat(stats.rssKib()).isEqualTo(180000);
        assertThat(stats.threads()).isEqualTo(90);
    }

    @Test
    void readsThisProcess() {
        ProcStats stats = ProcStats.read(ProcessHandle.current().pid());
        if (stats != null) { // Only on Linux.
            assertThat(stats.peakRssKib()).isPositive();
            assertThat(stats.threads()).isPositive();
        }
    }
}
