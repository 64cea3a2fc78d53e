package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.KOPFEXAMPLES;
import static dev.kopf.testing.behaviour.TestCluster.NAMESPACE;
import static dev.kopf.testing.behaviour.TestCluster.client;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.shardMember;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Daemon;
import dev.kopf.DaemonStopped;
import dev.kopf.Meta;
import dev.kopf.OnCreate;
import dev.kopf.OnDelete;
import dev.kopf.OperatorSettings;
import dev.kopf.TemporaryException;
import dev.kopf.testing.KopfRunner;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sharding on one server: replicas of a ring divide the objects; members join, leave
 * gracefully and die while handlers are in progress; every handler still succeeds exactly
 * once per object, and no object is ever handled by two replicas at the same time (judged
 * from the handlers' own records of when they started and ended).
 */
class ShardingIT {

    private static final Duration LONG = Duration.ofSeconds(120);
    private static final int OBJECTS = 600;

    private final List<KopfRunner> runners = new ArrayList<>();
    private final List<KubernetesClient> clients = new ArrayList<>();
    private final Records records = new Records();
    private String ring;

    @BeforeEach
    void setUp() {
        TestCluster.deleteAll();
        ring = newName("ring");
    }

    @AfterEach
    void tearDown() {
        runners.forEach(KopfRunner::close);
        TestCluster.deleteAll();
        client().leases().inNamespace(NAMESPACE).withLabel("sharding.kopf.dev/ring", ring)
                .delete();
        client().leases().inNamespace(NAMESPACE).withName(ring + "-sharder").delete();
        clients.forEach(KubernetesClient::close);
    }

    /** One handler call, as the handler saw it. */
    record Call(String object, String handler, String replica, long start, long end,
            boolean succeeded) {
    }

    /** Every handler call of every replica; guarded by itself. */
    static final class Records {
        private final List<Call> calls = new ArrayList<>();

        synchronized void add(Call call) {
            calls.add(call);
            notifyAll();
        }

        synchronized List<Call> all() {
            return List.copyOf(calls);
        }

        synchronized void await(Predicate<List<Call>> condition, Duration timeout)
                throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!condition.test(calls)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                assertThat(left).as("waited for the handlers' records").isPositive();
                wait(left);
            }
        }
    }

    /** Three create handlers (the second fails once) and a delete handler, per replica. */
    public static final class Handlers {
        private final String replica;
        private final Records records;
        private final Set<String> failedOnce;

        Handlers(String replica, Records records, Set<String> failedOnce) {
            this.replica = replica;
            this.records = records;
            this.failedOnce = failedOnce;
        }

        private String call(String handler, Meta meta, boolean fail) {
            long start = System.nanoTime();
            boolean failing = fail && markFirstFailure(meta.name());
            records.add(new Call(meta.name(), handler, replica, start, System.nanoTime(),
                    !failing));
            if (failing) {
                throw new TemporaryException("Not yet.", Duration.ofSeconds(2));
            }
            return replica;
        }

        private boolean markFirstFailure(String name) {
            synchronized (failedOnce) {
                return failedOnce.add(name);
            }
        }

        @OnCreate(value = "kopfexamples.kopf.dev", id = "first")
        public String first(Meta meta) {
            return call("first", meta, false);
        }

        @OnCreate(value = "kopfexamples.kopf.dev", id = "second")
        public String second(Meta meta) {
            return call("second", meta, true);
        }

        @OnCreate(value = "kopfexamples.kopf.dev", id = "third")
        public String third(Meta meta) {
            return call("third", meta, false);
        }

        @OnDelete(value = "kopfexamples.kopf.dev", id = "deleted")
        public void deleted(Meta meta) {
            call("deleted", meta, false);
        }
    }

    private final Set<String> failedOnce = new HashSet<>();
    private final Map<String, SimpleMeterRegistry> meters = new java.util.HashMap<>();

    private KopfRunner replica(String name) throws InterruptedException {
        return replica(name, new Handlers(name, records, failedOnce), UnaryOperator.identity());
    }

    private KopfRunner replica(String name, Object handlers,
            UnaryOperator<OperatorSettings.Builder> extra) throws InterruptedException {
        KopfRunner runner = start(name, handlers, extra);
        assertThat(runner.awaitReady(TestCluster.WAIT)).as("ready: %s", runner.output())
                .isTrue();
        return runner;
    }

    private KopfRunner start(String name, Object handlers,
            UnaryOperator<OperatorSettings.Builder> extra) {
        KubernetesClient kubernetes = new KubernetesClientBuilder().withConfig(new ConfigBuilder(
                client().getConfiguration()).withUserAgent(name).build()).build();
        clients.add(kubernetes);
        OperatorSettings settings = extra.apply(TestCluster.fastSettings().toBuilder()
                .sharding(s -> s.withRing(ring).withLeaseNamespace(NAMESPACE).withTimings(
                        Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(500))))
                .build();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        meters.put(name, registry);
        KopfRunner runner = KopfRunner.builder().client(kubernetes).handlers(handlers)
                .namespaces(NAMESPACE).settings(settings).meterRegistry(registry).noReraise()
                .start();
        runners.add(runner);
        return runner;
    }

    private List<Lease> members(int count) throws Exception {
        return client().leases().inNamespace(NAMESPACE).withLabel("sharding.kopf.dev/ring", ring)
                .informOnCondition(leases -> leases.size() == count)
                .get(TestCluster.WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Waits until every object is assigned to one of these members, each member has some
     * (its share by hashing: with 30 objects or more, none is empty but by a 1e-5 chance),
     * and none drains.
     */
    private List<GenericKubernetesResource> awaitAssigned(Set<String> members, int count)
            throws Exception {
        String owner = "sharding.kopf.dev/" + ring;
        return client().genericKubernetesResources(KOPFEXAMPLES).inNamespace(NAMESPACE)
                .informOnCondition(objects -> objects.size() == count && objects.stream()
                        .allMatch(o -> o.getMetadata().getLabels() != null
                                && o.getMetadata().getLabels().get(owner) != null
                                && members.contains(o.getMetadata().getLabels().get(owner))
                                && !o.getMetadata().getLabels().containsKey(owner + "-drain"))
                        && objects.stream().map(o -> o.getMetadata().getLabels().get(owner))
                                .collect(Collectors.toSet()).equals(members))
                .get(LONG.toSeconds(), TimeUnit.SECONDS);
    }

    private static Predicate<List<Call>> allSucceeded(List<String> names) {
        return calls -> {
            Set<String> done = calls.stream().filter(Call::succeeded)
                    .map(c -> c.object() + "/" + c.handler()).collect(Collectors.toSet());
            return names.stream().allMatch(n -> done.contains(n + "/first")
                    && done.contains(n + "/second") && done.contains(n + "/third"));
        };
    }

    private List<String> createObjects(String prefix, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = newName(prefix);
            names.add(name);
            create(name, Map.of());
        }
        return names;
    }



    @Test
    void replicasShareTheObjectsAndHandOverWithoutOverlap() throws Exception {
        Assumptions.assumeTrue(TestCluster.isEmbedded(), "a replica dies by a partition, "
                + "which is embedded-only");
        String a = shardMember(replica("replica-a"));
        KopfRunner runnerB = replica("replica-b");
        String b = shardMember(runnerB);
        String c = shardMember(replica("replica-c"));
        members(3);

        List<String> names = createObjects("sharded", OBJECTS);
        List<GenericKubernetesResource> assigned = awaitAssigned(Set.of(a, b, c), OBJECTS);
        // Each member has a fair part of the objects (by hashing, not by timing).
        Map<String, Long> shares = assigned.stream().collect(Collectors.groupingBy(
                o -> o.getMetadata().getLabels().get("sharding.kopf.dev/" + ring),
                Collectors.counting()));
        assertThat(shares.keySet()).containsExactlyInAnyOrder(a, b, c);
        shares.values().forEach(share -> assertThat(share).isBetween(OBJECTS / 3 / 2L,
                OBJECTS / 3 * 2L));
        // Every object's second handler has failed once and waits for its retry.
        records.await(calls -> calls.stream().filter(call -> !call.succeeded()).count()
                == OBJECTS, LONG);

        // A member joins while the handlers are in progress: about 1/4 of the objects move.
        String d = shardMember(replica("replica-d"));
        members(4);
        awaitAssigned(Set.of(a, b, c, d), OBJECTS);
        records.await(allSucceeded(names), LONG);

        // A member leaves gracefully: its Lease goes, its objects go to the others at once.
        runnerB.close();
        members(3);
        awaitAssigned(Set.of(a, c, d), OBJECTS);

        // A member dies (unreachable): its objects go to the survivors once its Lease expires.
        TestCluster.server().partition("replica-c");
        try {
            awaitAssigned(Set.of(a, d), OBJECTS);
            List<String> late = createObjects("late", 30);
            awaitAssigned(Set.of(a, d), OBJECTS + 30);
            records.await(allSucceeded(late), LONG);
        } finally {
            TestCluster.server().heal("replica-c");
        }

        assertExactlyOnceAndNeverAtTheSameTime();
    }

    private void assertExactlyOnceAndNeverAtTheSameTime() {
        List<Call> calls = records.all();
        Map<String, Long> successes = calls.stream().filter(Call::succeeded).collect(
                Collectors.groupingBy(c -> c.object() + "/" + c.handler(),
                        Collectors.counting()));
        assertThat(successes).allSatisfy((key, count) -> assertThat(count).as(key)
                .isEqualTo(1));
        assertThat(calls).noneMatch(c -> c.handler().equals("deleted"));
        Map<String, List<Call>> byObject = calls.stream().collect(
                Collectors.groupingBy(Call::object, LinkedHashMap::new, Collectors.toList()));
        long continuedElsewhere = 0;
        for (List<Call> objectCalls : byObject.values()) {
            List<Call> ordered = new ArrayList<>(objectCalls);
            ordered.sort(Comparator.comparingLong(Call::start));
            for (int i = 1; i < ordered.size(); i++) {
                assertThat(ordered.get(i).start()).as("%s: %s overlaps %s",
                        ordered.get(i).object(), ordered.get(i), ordered.get(i - 1))
                        .isGreaterThanOrEqualTo(ordered.get(i - 1).end());
            }
            if (ordered.stream().map(Call::replica).distinct().count() > 1) {
                continuedElsewhere++;
            }
        }
        // The newcomer took objects in the middle of their handlers and continued them.
        assertThat(continuedElsewhere).isPositive();
    }

    /** A daemon per object, recording when it starts and stops, per replica. */
    public static final class DaemonHandlers {
        private final String replica;
        private final List<String> events;

        DaemonHandlers(String replica, List<String> events) {
            this.replica = replica;
            this.events = events;
        }

        @Daemon("kopfexamples.kopf.dev")
        public void follow(DaemonStopped stopped, Meta meta) {
            record("start", meta);
            while (!stopped.await(Duration.ofSeconds(30))) {
                // Idle: it only follows its object.
            }
            record("stop", meta);
        }

        private void record(String what, Meta meta) {
            synchronized (events) {
                events.add(meta.name() + " " + what + " " + replica);
                events.notifyAll();
            }
        }
    }

    private static void awaitEvents(List<String> events, Predicate<List<String>> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        synchronized (events) {
            while (!condition.test(events)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                assertThat(left).as("waited for the daemons: %s", events).isPositive();
                events.wait(left);
            }
        }
    }

    private static long running(List<String> events, String replica) {
        return events.stream().filter(e -> e.endsWith(" start " + replica)).count()
                - events.stream().filter(e -> e.endsWith(" stop " + replica)).count();
    }

    @Test
    void daemonsFollowTheirObjectsAndNeverRunTwiceAtOnce() throws Exception {
        List<String> events = new ArrayList<>();
        String a = shardMember(replica("daemons-a", new DaemonHandlers("daemons-a", events),
                UnaryOperator.identity()));
        String b = shardMember(replica("daemons-b", new DaemonHandlers("daemons-b", events),
                UnaryOperator.identity()));
        members(2);
        createObjects("followed", 30);
        awaitEvents(events, e -> running(e, "daemons-a") + running(e, "daemons-b") == 30);

        String c = shardMember(replica("daemons-c", new DaemonHandlers("daemons-c", events),
                UnaryOperator.identity()));
        members(3);
        List<GenericKubernetesResource> assigned = awaitAssigned(Set.of(a, b, c), 30);
        long onC = assigned.stream().filter(o -> c.equals(o.getMetadata().getLabels()
                .get("sharding.kopf.dev/" + ring))).count();
        assertThat(onC).isPositive();
        // The moved daemons were stopped on their old owner before they started on the new.
        awaitEvents(events, e -> running(e, "daemons-c") == onC
                && running(e, "daemons-a") + running(e, "daemons-b") == 30 - onC);
        // Each replica's gauge says how many objects it owns.
        for (String replica : List.of("daemons-a", "daemons-b", "daemons-c")) {
            assertThat(meters.get(replica).get("kopf.sharding.objects").tag("ring", ring)
                    .gauge().value()).as(replica).isEqualTo((double) running(events, replica));
        }
        Map<String, List<String>> byObject;
        synchronized (events) {
            byObject = events.stream().collect(Collectors.groupingBy(
                    e -> e.substring(0, e.indexOf(' ')), LinkedHashMap::new,
                    Collectors.toList()));
        }
        assertThat(byObject).hasSize(30).allSatisfy((name, history) -> {
            for (int i = 0; i < history.size(); i++) {
                assertThat(history.get(i).split(" ")[1]).as("%s: %s", name, history)
                        .isEqualTo(i % 2 == 0 ? "start" : "stop");
            }
        });
    }

    @Test
    void standaloneIsRefusedWhenOtherMembersLive() throws Exception {
        shardMember(replica("alone-a"));
        KopfRunner second = start("alone-b", new Handlers("alone-b", records, failedOnce),
                b -> b.peering(p -> p.withStandalone(true)));

        assertThat(second.awaitOutput("Sharding with --standalone found other live members of "
                + "ring '" + ring + "'", TestCluster.WAIT)).as(second.output()).isTrue();
        assertThat(second.awaitOutput("Drop --standalone to run several replicas.",
                TestCluster.WAIT)).isTrue();
    }
}
