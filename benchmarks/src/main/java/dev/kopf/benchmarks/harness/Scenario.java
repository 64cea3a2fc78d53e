package dev.kopf.benchmarks.harness;

import java.util.Locale;

/** What a run measures. */
enum Scenario {
    /** N objects exist; the operator starts; until all are handled. */
    BACKLOG,
    /** The operator runs; N objects come from 16 concurrent writers; until all are handled. */
    STREAM,
    /** The operator runs; one object every 50 ms; create-to-handled latency of each. */
    LATENCY;

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Scenario of(String id) {
        try {
            return valueOf(id.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Unknown scenario: " + id + ". Known: backlog, stream, latency.", e);
        }
    }
}
