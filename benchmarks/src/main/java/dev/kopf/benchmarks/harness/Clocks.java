package dev.kopf.benchmarks.harness;

import java.time.Instant;

/**
 * Wall-clock time in epoch microseconds: the one time base shared by the harness and the API
 * server's call log (both on this machine), so that their timestamps can be subtracted.
 */
final class Clocks {
    private Clocks() {
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    static double seconds(long micros) {
        return micros / 1e6;
    }
}
