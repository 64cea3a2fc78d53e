package dev.kopf.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioTest {

    @Test
    void scenariosAreNamedWithDashes() {
        assertThat(Scenario.of("busy-latency")).isEqualTo(Scenario.BUSY_LATENCY);
        assertThat(Scenario.BUSY_LATENCY.id()).isEqualTo("busy-latency");
        assertThat(Scenario.of(" Daemons ")).isEqualTo(Scenario.DAEMONS);
        assertThatThrownBy(() -> Scenario.of("nope"))
                .hasMessageContaining(
                        "Known: backlog, stream, latency, busy-latency, daemons, sharding.");
    }

    @Test
    void theDefaultRunKeepsItsThreeScenarios() throws Exception {
        assertThat(Options.parse(new String[0]).scenarios())
                .containsExactly(Scenario.BACKLOG, Scenario.STREAM, Scenario.LATENCY);
        assertThat(Options.parse(new String[0]).daemonCount()).isEqualTo(10_000);
        assertThat(Options.parse(new String[] {"--scenarios", "daemons", "--daemon-count",
            "50"}).daemonCount()).isEqualTo(50);
    }

    @Test
    void onlyKopfRunsDaemons() {
        assertThat(Scenario.DAEMONS.supports(Framework.KOPF)).isTrue();
        assertThat(Scenario.DAEMONS.supports(Framework.JOSDK)).isFalse();
        assertThat(Scenario.BUSY_LATENCY.supports(Framework.RAW)).isTrue();
    }

    @Test
    void onlyKopfShardsOverTheReplicaCountsAsked() throws Exception {
        assertThat(Scenario.of("sharding")).isEqualTo(Scenario.SHARDING);
        assertThat(Scenario.SHARDING.supports(Framework.KOPF)).isTrue();
        assertThat(Scenario.SHARDING.supports(Framework.JOSDK)).isFalse();
        assertThat(Scenario.SHARDING.supports(Framework.RAW)).isFalse();
        assertThat(Options.parse(new String[0]).replicas()).containsExactly(1, 2, 4);
        assertThat(Options.parse(new String[] {"--replicas", "3, 1"}).replicas())
                .containsExactly(3, 1);
        assertThat(Options.parse(new String[0]).shardBacklog()).isFalse();
        assertThat(Options.parse(new String[] {"--shard-backlog"}).shardBacklog()).isTrue();
        assertThatThrownBy(() -> Options.parse(new String[] {"--replicas", "2,0"}))
                .hasMessageContaining("--replicas must be > 0");
    }

    @Test
    void threadsAreGroupedWithoutTheirNumbers() {
        assertThat(ThreadCpu.group("kopf-worker-12")).isEqualTo("kopf-worker");
        assertThat(ThreadCpu.group("C1 CompilerThre")).isEqualTo("C1 CompilerThre");
        assertThat(ThreadCpu.group("vert.x-eventloo")).isEqualTo("vert.x-eventloo");
        assertThat(ThreadCpu.group("GC Thread#0")).isEqualTo("GC Thread");
        assertThat(ThreadCpu.group("42")).isEqualTo("42");
    }

    @Test
    void theOwnThreadsCpuIsRead() {
        assertThat(ThreadCpu.read(ProcessHandle.current().pid())).isNotEmpty();
    }

    @Test
    void theLiveHeapIsTheHistogramsTotal() {
        assertThat(LiveHeap.total(List.of(" num     #instances         #bytes  class name",
                "   1:         12345        6789012  [B (java.base@17.0.15)",
                "Total        123456       23456789"))).isEqualTo(23456789L);
        assertThat(LiveHeap.total(List.of("12: Unable to open socket file"))).isEqualTo(-1);
    }
}
