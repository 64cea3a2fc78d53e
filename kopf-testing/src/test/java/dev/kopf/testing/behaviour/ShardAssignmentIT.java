package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.KOPFEXAMPLES;
import static dev.kopf.testing.behaviour.TestCluster.NAMESPACE;
import static dev.kopf.testing.behaviour.TestCluster.client;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.shardMember;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Meta;
import dev.kopf.OnCreate;
import dev.kopf.OperatorSettings;
import dev.kopf.WebhookServer;
import dev.kopf.internal.sharding.HashRing;
import dev.kopf.testing.KopfRunner;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Assignment at creation: with sharding and an admission server, two replicas serve the
 * built-in mutating webhook, so an object created with a name comes back from the create
 * call already labelled with the member the ring says, and is handled once, by that member.
 * An object created with {@code generateName} is left to the sharder, and one labelled for a
 * member the sharder has not read yet stays with that member. The sharder's first reading of
 * the ring includes its own replica.
 */
class ShardAssignmentIT {


    private final List<KopfRunner> runners = new ArrayList<>();
    /** Each handled object with the replicas that handled it; guarded by itself. */
    private final Map<String, List<String>> handled = new LinkedHashMap<>();
    private String ring;
    private String managed;

    @BeforeEach
    void setUp() {
        TestCluster.deleteAll();
        ring = newName("ring");
        managed = newName("shards") + ".kopf.dev";
    }

    @AfterEach
    void tearDown() {
        runners.forEach(KopfRunner::close);
        TestCluster.deleteAll();
        client().leases().inNamespace(NAMESPACE).withLabel("sharding.kopf.dev/ring", ring)
                .delete();
        client().leases().inNamespace(NAMESPACE).withName(ring + "-sharder").delete();
        client().admissionRegistration().v1().mutatingWebhookConfigurations().withName(managed)
                .delete();
        client().admissionRegistration().v1().validatingWebhookConfigurations()
                .withName(managed).delete();
    }

    /** One create handler per replica, recording who handled what. */
    public static final class Handlers {
        private final String replica;
        private final Map<String, List<String>> handled;

        Handlers(String replica, Map<String, List<String>> handled) {
            this.replica = replica;
            this.handled = handled;
        }

        @OnCreate("kopfexamples.kopf.dev")
        public void created(Meta meta) {
            synchronized (handled) {
                handled.computeIfAbsent(meta.name(), name -> new ArrayList<>()).add(replica);
                handled.notifyAll();
            }
        }
    }

    private KopfRunner replica(String name, int port) throws InterruptedException {
        WebhookServer server = TestCluster.isEmbedded() ? WebhookServer.local().withPort(0)
                : WebhookServer.auto().withPort(port);
        OperatorSettings settings = TestCluster.fastSettings().toBuilder()
                .sharding(s -> s.withRing(ring).withLeaseNamespace(NAMESPACE).withTimings(
                        Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(500)))
                .admission(a -> a.server(server).managed(managed)).build();
        KopfRunner runner = KopfRunner.builder().client(client())
                .handlers(new Handlers(name, handled)).namespaces(NAMESPACE).settings(settings)
                .noReraise().start();
        runners.add(runner);
        assertThat(runner.awaitReady(TestCluster.WAIT)).as("ready: %s", runner.output())
                .isTrue();
        return runner;
    }


    /** A replica whose own rounds are a minute apart: beyond every wait of these tests. */
    private KopfRunner slowRoundsReplica() throws InterruptedException {
        OperatorSettings settings = TestCluster.fastSettings().toBuilder()
                .sharding(s -> s.withRing(ring).withLeaseNamespace(NAMESPACE).withTimings(
                        Duration.ofSeconds(180), Duration.ofSeconds(120),
                        Duration.ofSeconds(60)))
                .build();
        KopfRunner runner = KopfRunner.builder().client(client())
                .handlers(new Handlers("replica-a", handled)).namespaces(NAMESPACE)
                .settings(settings).noReraise().start();
        runners.add(runner);
        return runner;
    }

    private String ownerLabel(GenericKubernetesResource object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels == null ? null : labels.get("sharding.kopf.dev/" + ring);
    }

    private void awaitHandled(List<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + TestCluster.WAIT.toNanos();
        synchronized (handled) {
            while (!handled.keySet().containsAll(names)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                assertThat(left).as("waited for the handlers: %s", handled).isPositive();
                handled.wait(left);
            }
        }
    }

    @Test
    void objectsAreLabelledInTheCreateResponseWithTheRingsMemberAndHandledOnce()
            throws Exception {
        KopfRunner first = replica("replica-a", 9443);
        KopfRunner second = replica("replica-b", 9444);
        List<String> members = List.of(shardMember(first), shardMember(second)).stream().sorted()
                .toList();
        // Every replica answers the webhook (a Service may route to any): wait until each
        // has seen both members, so that the answer does not depend on who is asked.
        // A runner's output is the whole process's: each replica's line names it.
        for (KopfRunner runner : runners) {
            assertThat(runner.awaitOutput("The assignment webhook's view of the ring on "
                    + shardMember(runner) + ": " + members + ".", TestCluster.WAIT))
                    .as(runner.output()).isTrue();
        }
        List<MutatingWebhook> webhooks = client().admissionRegistration().v1()
                .mutatingWebhookConfigurations().withName(managed).get().getWebhooks();
        assertThat(webhooks).singleElement().satisfies(webhook -> {
            assertThat(webhook.getFailurePolicy()).isEqualTo("Ignore");
            assertThat(webhook.getTimeoutSeconds()).isEqualTo(5);
        });

        HashRing expected = new HashRing(members, OperatorSettings.defaults().sharding()
                .virtualNodes());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String name = newName("assigned");
            names.add(name);
            GenericKubernetesResource created = create(name, Map.of());
            assertThat(ownerLabel(created)).as(name)
                    .isEqualTo(expected.ownerOf(NAMESPACE + "/" + name));
        }
        // Both members got some (by hashing: 20 names all on one side is a 1e-6 chance).
        assertThat(names.stream().map(n -> expected.ownerOf(NAMESPACE + "/" + n))
                .collect(Collectors.toSet())).containsExactlyInAnyOrderElementsOf(members);

        // A generated name is unknown at admission: the sharder labels the object later.
        GenericKubernetesResource generated = new GenericKubernetesResource();
        generated.setApiVersion("kopf.dev/v1");
        generated.setKind("KopfExample");
        generated.setMetadata(new ObjectMetaBuilder().withGenerateName(newName("generated")
                + "-").withNamespace(NAMESPACE).build());
        generated.setAdditionalProperty("spec", Map.of());
        GenericKubernetesResource unlabelled = client().genericKubernetesResources(KOPFEXAMPLES)
                .inNamespace(NAMESPACE).resource(generated).create();
        assertThat(ownerLabel(unlabelled)).isNull();
        String generatedName = unlabelled.getMetadata().getName();
        GenericKubernetesResource labelled = TestCluster.await(generatedName,
                object -> ownerLabel(object) != null);
        assertThat(ownerLabel(labelled))
                .isEqualTo(expected.ownerOf(NAMESPACE + "/" + generatedName));
        names.add(generatedName);

        awaitHandled(names);
        Map<String, String> labels = new LinkedHashMap<>();
        for (String name : names) {
            labels.put(name, expected.ownerOf(NAMESPACE + "/" + name));
        }
        synchronized (handled) {
            for (String name : names) {
                String owner = labels.get(name);
                String replica = owner.equals(shardMember(first)) ? "replica-a" : "replica-b";
                assertThat(handled.get(name)).as(name).containsExactly(replica);
            }
        }
        // The framework's own webhook does not announce each created object at INFO.
        for (KopfRunner runner : runners) {
            assertThat(runner.output()).doesNotContainPattern(
                    "INFO[^\\n]*Handler 'kopf\\.sharding\\.");
        }
    }

    /**
     * A replica elected the sharder before its own membership Lease is written (a slow
     * link) must not read a ring without itself and keep it for a whole round: its rounds
     * are a minute apart here, beyond the wait.
     */
    @Test
    void theSharderReadsTheRingOnceItsOwnReplicaHasJoined() throws Exception {
        Assumptions.assumeTrue(TestCluster.isEmbedded(),
                "the slow Lease read is injected by the embedded server");
        // The membership's first step reads its own Lease (by name); the sharder's Lease is
        // not held up.
        TestCluster.server().slowNext("GET", ".*/leases/" + Pattern.quote(ring)
                + "-(?!sharder$)[^/]+", 1, Duration.ofSeconds(2));
        KopfRunner sharder = slowRoundsReplica();
        String member = shardMember(sharder);
        assertThat(sharder.awaitOutput("Sharding ring '" + ring + "' has changed; its members "
                + "now: [" + member + "].", TestCluster.WAIT)).as(sharder.output()).isTrue();
        assertThat(sharder.awaitReady(TestCluster.WAIT)).as(sharder.output()).isTrue();
    }

    /**
     * The webhook may have a newer view of the ring than the sharder: here a member the
     * sharder has not read yet. Its object must not be taken from it: the sharder reads the
     * Leases again first (its own rounds are a minute apart here, beyond the wait).
     */
    @Test
    void anObjectLabelledForAMemberTheSharderHasNotReadYetStaysWithThatMember()
            throws Exception {
        KopfRunner sharder = slowRoundsReplica();
        assertThat(sharder.awaitReady(TestCluster.WAIT)).as(sharder.output()).isTrue();
        String member = shardMember(sharder);
        assertThat(sharder.awaitOutput("Sharding ring '" + ring + "' has changed; its members "
                + "now: [" + member + "].", TestCluster.WAIT)).as(sharder.output()).isTrue();

        // A replica joins (its Lease, as a replica writes it) and the webhook labels an
        // object for it before the sharder's next round.
        String newcomer = newName("newcomer");
        client().leases().inNamespace(NAMESPACE).resource(new LeaseBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(ring + "-" + newcomer)
                        .addToLabels("sharding.kopf.dev/ring", ring)
                        .addToAnnotations("sharding.kopf.dev/member", newcomer).build())
                .withNewSpec().withHolderIdentity(newcomer).withLeaseDurationSeconds(180)
                .withRenewTime(ZonedDateTime.now(ZoneOffset.UTC)).endSpec().build()).create();
        String name = newName("early");
        create(name, Map.of(), Map.of("sharding.kopf.dev/" + ring, newcomer), Map.of());

        List<String> both = List.of(member, newcomer).stream().sorted().toList();
        assertThat(sharder.awaitOutput("Sharding ring '" + ring + "' has changed; its members "
                + "now: " + both + ".", TestCluster.WAIT)).as(sharder.output()).isTrue();
        // Planned with the newcomer in the ring: kept by it, or drained from it (it is live),
        // never assigned away directly.
        Map<String, String> labels = TestCluster.example(name).get().getMetadata().getLabels();
        assertThat(labels).containsEntry("sharding.kopf.dev/" + ring, newcomer);
        synchronized (handled) {
            assertThat(handled).doesNotContainKey(name);
        }
    }
}
