package dev.kopf.internal.sharding;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kopf.OperatorSettings;
import org.junit.jupiter.api.Test;

/** Sharding refuses, in one line, what would leave replicas paused. */
class ShardingConflictsTest {

    private static OperatorSettings.Builder sharded() {
        return OperatorSettings.builder().sharding(s -> s.withRing("web"));
    }

    @Test
    void shardingAloneIsFine() {
        assertThatCode(() -> ShardingConflicts.check(sharded().build())).doesNotThrowAnyException();
        assertThatCode(() -> ShardingConflicts.check(OperatorSettings.builder()
                .peering(p -> p.withPriority(5)).build())).doesNotThrowAnyException();
    }

    @Test
    void peeringPrioritiesAreRefused() {
        assertThatThrownBy(() -> ShardingConflicts.check(sharded()
                .peering(p -> p.withPriority(666)).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Sharding cannot be combined with peering priority 666 (--priority,"
                        + " --dev) pauses the replicas of lower priority. Sharding needs every "
                        + "replica working; drop those options.");
    }

    @Test
    void everyConflictIsNamedAtOnce() {
        assertThatThrownBy(() -> ShardingConflicts.check(sharded()
                .peering(p -> p.withMandatoryName("main"))
                .leaderElection(le -> le.withLease("op", null)).build()))
                .hasMessageContaining("mandatory peering 'main' (--peering)")
                .hasMessageContaining("; with leader election (--leader-election)")
                .hasMessageNotContaining("\n");
    }
}
