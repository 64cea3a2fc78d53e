package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.NAMESPACE;
import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.await;
import static dev.kopf.testing.behaviour.TestCluster.client;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.HandlerOutcome;
import dev.kopf.Meta;
import dev.kopf.OnCreate;
import dev.kopf.OperatorSettings;
import dev.kopf.testing.KopfRunner;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Assumptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Leader election on a Lease: of the replicas, exactly one handles each object; the others
 * are hot standbys; a graceful exit hands the lease over, and the new leader handles what
 * comes later without handling the old objects again.
 */
class LeaderElectionIT {

    private final List<KopfRunner> runners = new ArrayList<>();
    private String lease;

    @BeforeEach
    void setUp() {
        TestCluster.deleteAll();
        lease = newName("lease");
    }

    @AfterEach
    void tearDown() {
        runners.forEach(KopfRunner::close);
        client().leases().inNamespace(NAMESPACE).withName(lease).delete();
        TestCluster.deleteAll();
    }

    public static class CreateHandlers {
        @OnCreate("kopfexamples.kopf.dev")
        public String createFn(Meta meta) {
            return "created";
        }
    }

    private KopfRunner replica() throws InterruptedException {
        return replica(client());
    }

    private KopfRunner replica(KubernetesClient kubernetes) throws InterruptedException {
        OperatorSettings settings = TestCluster.fastSettings().toBuilder()
                .peering(p -> p.withStandalone(true))
                .leaderElection(le -> le.withLease(lease, NAMESPACE).withTimings(
                        Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(500)))
                .build();
        KopfRunner runner = KopfRunner.builder().client(kubernetes).handlers(CreateHandlers.class)
                .namespaces(NAMESPACE).settings(settings).start();
        runners.add(runner);
        // Standbys are ready too: their watch streams run.
        assertThat(runner.awaitReady(WAIT)).as("ready: %s", runner.output()).isTrue();
        return runner;
    }

    private static long creations(KopfRunner runner, String name) {
        return runner.outcomes().stream().filter(o -> o.name().equals(name)
                && o.result() == HandlerOutcome.Result.SUCCEEDED).count();
    }

    private long creationsOverall(String name) {
        return runners.stream().mapToLong(r -> creations(r, name)).sum();
    }

    private Lease awaitHolder() {
        return client().leases().inNamespace(NAMESPACE).withName(lease).waitUntilCondition(
                l -> l != null && l.getSpec().getHolderIdentity() != null
                        && !l.getSpec().getHolderIdentity().isEmpty(),
                WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void exactlyOneReplicaHandlesEachObject() throws Exception {
        replica();
        replica();
        Lease held = awaitHolder();
        assertThat(held.getSpec().getLeaseDurationSeconds()).isEqualTo(3);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = newName("elected");
            names.add(name);
            create(name, Map.of());
        }
        for (String name : names) {
            await(name, o -> status(o, "createFn") != null);
        }
        for (String name : names) {
            assertThat(creationsOverall(name)).as(name).isEqualTo(1);
        }
        // All handled by the same replica: the leader.
        assertThat(runners.stream().filter(r -> creations(r, names.get(0)) == 1).findFirst()
                .orElseThrow().outcomes()).hasSize(3);
    }

    @Test
    void aGracefulExitHandsTheLeaseOverToTheStandby() throws Exception {
        KopfRunner first = replica();
        KopfRunner second = replica();
        Lease before = awaitHolder();
        String early = newName("early");
        create(early, Map.of());
        await(early, o -> status(o, "createFn") != null);
        KopfRunner leader = creations(first, early) == 1 ? first : second;
        KopfRunner standby = leader == first ? second : first;
        String oldHolder = before.getSpec().getHolderIdentity();

        leader.close();
        Lease after = client().leases().inNamespace(NAMESPACE).withName(lease)
                .waitUntilCondition(l -> l != null && l.getSpec().getHolderIdentity() != null
                        && !l.getSpec().getHolderIdentity().isEmpty()
                        && !l.getSpec().getHolderIdentity().equals(oldHolder),
                        WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(after.getSpec().getLeaseTransitions())
                .isEqualTo(before.getSpec().getLeaseTransitions() + 1);

        String late = newName("late");
        create(late, Map.of());
        assertThat(standby.awaitOutcome(o -> o.name().equals(late)
                && o.result() == HandlerOutcome.Result.SUCCEEDED, WAIT)).isTrue();
        assertThat(creationsOverall(early)).isEqualTo(1);
        assertThat(creationsOverall(late)).isEqualTo(1);
    }

    @Test
    void aPartitionedLeaderStopsWorkingBeforeItsLeaseCanBeTaken() throws Exception {
        Assumptions.assumeTrue(TestCluster.isEmbedded(), "fault injection is embedded-only");
        String agentA = newName("replica-a");
        String agentB = newName("replica-b");
        try (KubernetesClient a = clientAs(agentA); KubernetesClient b = clientAs(agentB)) {
            KopfRunner first = replica(a);
            KopfRunner second = replica(b);
            awaitHolder();
            String early = newName("before");
            create(early, Map.of());
            await(early, o -> status(o, "createFn") != null);
            boolean firstLeads = creations(first, early) == 1;
            KopfRunner leader = firstLeads ? first : second;
            KopfRunner standby = firstLeads ? second : first;

            TestCluster.server().partition(firstLeads ? agentA : agentB);
            try {
                assertThat(leader.awaitOutput("Stopped leading: the lease", WAIT)).isTrue();
                String late = newName("after");
                create(late, Map.of());
                assertThat(standby.awaitOutcome(o -> o.name().equals(late)
                        && o.result() == HandlerOutcome.Result.SUCCEEDED, WAIT)).isTrue();
                // The old leader gave up (by its renew deadline) before the standby could
                // take the lease (after the lease duration): never two leaders at once.
                String log = standby.output();
                assertThat(log.indexOf("Stopped leading: the lease"))
                        .isNotNegative()
                        .isLessThan(log.lastIndexOf("Became the leader"));
                assertThat(creations(leader, late)).isZero();
                assertThat(creationsOverall(late)).isEqualTo(1);
            } finally {
                TestCluster.server().heal(firstLeads ? agentA : agentB);
                runners.forEach(KopfRunner::close);
                runners.clear();
            }
        }
    }

    private static KubernetesClient clientAs(String agent) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(
                TestCluster.server().config()).withUserAgent(agent).build()).build();
    }
}
