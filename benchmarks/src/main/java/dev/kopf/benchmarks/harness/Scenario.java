package dev.kopf.benchmarks.harness;

import java.util.List;
import java.util.Locale;

/** What a run measures. */
enum Scenario {
    /** N objects exist; the operator starts; until all are handled. */
    BACKLOG,
    /** The operator runs; N objects come from 16 concurrent writers; until all are handled. */
    STREAM,
    /** The operator runs; one object every 50 ms; create-to-handled latency of each. */
    LATENCY,
    /**
     * The operator runs; N objects come from 16 concurrent writers and, at the same time, one
     * more object every 50 ms: the latency of those while the operator drains the others.
     */
    BUSY_LATENCY,
    /**
     * N objects (10,000 by default) exist; the operator, with one daemon per object, starts;
     * until every daemon runs (Kopf only: the others have no daemons).
     */
    DAEMONS,
    /**
     * For each replica count of {@code --replicas}: N objects exist; that many Kopf replicas
     * start with {@code --shards auto}; until all are handled; then one replica joins and one
     * leaves (Kopf only: {@link ShardingScenario}).
     */
    SHARDING;

    /** What a run without {@code --scenarios} measures. */
    static final List<Scenario> DEFAULTS = List.of(BACKLOG, STREAM, LATENCY);

    String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether a framework can run this scenario at all. */
    boolean supports(Framework framework) {
        return (this != DAEMONS && this != SHARDING) || framework == Framework.KOPF;
    }

    static Scenario of(String id) {
        try {
            return valueOf(id.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown scenario: " + id
                    + ". Known: backlog, stream, latency, busy-latency, daemons, sharding.", e);
        }
    }
}
