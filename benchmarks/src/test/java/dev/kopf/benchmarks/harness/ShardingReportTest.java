package dev.kopf.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardingReportTest {

    private static RunResult run() {
        return new RunResult(Framework.KOPF, Scenario.SHARDING, 1, Map.ofEntries(
                Map.entry("n", 300.0), Map.entry("r2.load1", 1.5),
                Map.entry("r2.drain_s", 4.25),
                Map.entry("r2.shard-1.handled", 140.0), Map.entry("r2.shard-1.owned", 150.0),
                Map.entry("r2.shard-2.sharder", 1.0),
                Map.entry("r2.shard-10.handled", 1.0), Map.entry("r2.shard-2.handled", 160.0),
                Map.entry("r2.join.moved", 97.0), Map.entry("r2.join.moved_fraction", 0.3233),
                Map.entry("r2.join.ideal_fraction", 1 / 3.0),
                Map.entry("r4.shard-1.owned", 80.0)), Map.of(), null);
    }

    @Test
    void figuresAreGroupedByReplicaCountAndMemberInStartOrder() {
        RunResult run = run();
        assertThat(ShardingReport.counts(run)).containsExactly(2, 4);
        assertThat(ShardingReport.replicas(run, 2).keySet())
                .containsExactly("shard-1", "shard-2", "shard-10");
        assertThat(ShardingReport.replicas(run, 2).get("shard-1"))
                .containsEntry("handled", 140.0).containsEntry("owned", 150.0);
        assertThat(ShardingReport.replicas(run, 4)).containsOnlyKeys("shard-1");
    }

    @Test
    void theTableShowsEachReplicaAndTheMovesNextToTheIdeal() {
        String table = ShardingReport.table(List.of(run()));
        assertThat(table).contains("2 replica(s), N = 300, load 1.500 at start")
                .contains("| shard-1    |     140 |   150 |")
                .contains("| shard-2 *  |     160 |")
                .contains("drain: 4.250 s from the first creation")
                .contains("moved 97 = 32.3% of N (ideal 33.3%");
    }

    @Test
    void failedAndOtherRunsAreLeftOut() {
        RunResult failed = new RunResult(Framework.KOPF, Scenario.SHARDING, 2,
                Map.of("r1.drain_s", 1.0), Map.of(), "boom");
        RunResult backlog = new RunResult(Framework.KOPF, Scenario.BACKLOG, 1,
                Map.of("time_s", 1.0), Map.of(), null);
        assertThat(ShardingReport.table(List.of(failed, backlog))).isEmpty();
        ObjectNode root = new ObjectMapper().createObjectNode();
        ShardingReport.addTo(root, List.of(failed, backlog));
        assertThat(root.has("sharding")).isFalse();
        ShardingReport.addTo(root, List.of(run()));
        assertThat(root.get("sharding").get(0).get("metrics").get("r2.drain_s").asDouble())
                .isEqualTo(4.25);
    }
}
