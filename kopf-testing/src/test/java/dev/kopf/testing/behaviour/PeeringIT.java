package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.NAMESPACE;
import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.client;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Daemon;
import dev.kopf.DaemonStopped;
import dev.kopf.HandlerOutcome;
import dev.kopf.Meta;
import dev.kopf.OnCreate;
import dev.kopf.OperatorSettings;
import dev.kopf.testing.KopfRunner;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Peering as Kopf's: operators in one {@code KopfPeering} object see each other's records;
 * a higher priority pauses the lower one until it exits; the same priority pauses both with
 * Kopf's warning; a record written by Python Kopf (or by {@code kopf freeze}) pauses us, and
 * its expiry resumes us; daemons stop with {@code OPERATOR_PAUSING} and come back.
 */
class PeeringIT {

    static final ResourceDefinitionContext PEERINGS = new ResourceDefinitionContext.Builder()
            .withGroup("kopf.dev").withVersion("v1").withPlural("kopfpeerings")
            .withKind("KopfPeering").withNamespaced(true).build();
    static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();

    private final List<KopfRunner> runners = new ArrayList<>();
    private String peering;

    @BeforeAll
    static void installPeeringCrds() throws Exception {
        // Only the CRDs: a `default` peering object would make every other test's operators
        // peer with each other.
        try (InputStream in = PeeringIT.class.getResourceAsStream("/dev/kopf/peering.yaml")) {
            for (HasMetadata item : client().load(in).items()) {
                if (item.getKind().equals("CustomResourceDefinition")) {
                    client().resource(item).createOr(existing -> existing.update());
                }
            }
        }
    }

    @BeforeEach
    void createPeeringObject() {
        TestCluster.deleteAll();
        EVENTS.clear();
        peering = newName("peering");
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion("kopf.dev/v1");
        object.setKind("KopfPeering");
        object.setMetadata(new ObjectMetaBuilder().withName(peering).withNamespace(NAMESPACE)
                .build());
        peerings().resource(object).create();
    }

    @AfterEach
    void cleanUp() {
        runners.forEach(KopfRunner::close);
        peerings().withName(peering).delete();
        TestCluster.deleteAll();
    }

    private static io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
            GenericKubernetesResource, io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> peerings() {
        return client().genericKubernetesResources(PEERINGS).inNamespace(NAMESPACE);
    }

    public static class CreateHandlers {
        @OnCreate("kopfexamples.kopf.dev")
        public String created(Meta meta) {
            return "created";
        }
    }

    public static class DaemonHandlers {
        @Daemon("kopfexamples.kopf.dev")
        public void monitor(DaemonStopped stopped, Meta meta) {
            EVENTS.add("started " + meta.name());
            stopped.await(Duration.ofMinutes(5));
            EVENTS.add("stopped " + meta.name() + " " + stopped.reason());
        }
    }

    private KopfRunner operator(int priority, Class<?> handlers) throws InterruptedException {
        OperatorSettings settings = TestCluster.fastSettings().toBuilder()
                .peering(p -> p.withMandatoryName(peering).withPriority(priority)).build();
        KopfRunner runner = KopfRunner.builder().client(client()).handlers(handlers)
                .namespaces(NAMESPACE).settings(settings).start();
        runners.add(runner);
        assertThat(runner.awaitReady(WAIT)).as("ready: %s", runner.output()).isTrue();
        return runner;
    }

    private static long creations(KopfRunner runner, String name) {
        return runner.outcomes().stream().filter(o -> o.name().equals(name)
                && o.result() == HandlerOutcome.Result.SUCCEEDED).count();
    }

    private static boolean handled(KopfRunner runner, String name) throws InterruptedException {
        return runner.awaitOutcome(o -> o.name().equals(name)
                && o.result() == HandlerOutcome.Result.SUCCEEDED, WAIT);
    }

    private void writePeer(String identity, Map<String, Object> record) {
        String json = record == null ? "null" : io.fabric8.kubernetes.client.utils.Serialization
                .asJson(record);
        peerings().withName(peering).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"status\":{\"" + identity + "\":" + json + "}}");
    }

    /** Python's datetime.now(timezone.utc).isoformat(), as Python Kopf writes lastseen. */
    private static String pythonNow() {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
                .format(Instant.now().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
    }

    @Test
    void aHigherPriorityPeerPausesTheLowerOneUntilItExits() throws Exception {
        KopfRunner low = operator(0, CreateHandlers.class);
        KopfRunner high = operator(100, CreateHandlers.class);
        assertThat(low.awaitOutput("Pausing operations in favour of [<Peer ", WAIT)).isTrue();
        String first = newName("first");
        create(first, Map.of());
        assertThat(handled(high, first)).isTrue();
        TestCluster.await(first, o -> TestCluster.status(o, "created") != null);
        high.close();
        assertThat(low.awaitOutput("Resuming operations after the pause.", WAIT)).isTrue();
        String second = newName("second");
        create(second, Map.of());
        assertThat(handled(low, second)).isTrue();
        assertThat(creations(low, first) + creations(high, first))
                .as("%s%n----%n%s", low.outcomes(), high.outcomes()).isEqualTo(1);
    }

    @Test
    void threeOperatorsOnlyTheHighestRuns() throws Exception {
        KopfRunner low = operator(1, CreateHandlers.class);
        KopfRunner middle = operator(2, CreateHandlers.class);
        KopfRunner high = operator(3, CreateHandlers.class);
        String name = newName("three");
        // Paused ones log it; wait until both lower ones saw the highest one's record.
        peerings().withName(peering).waitUntilCondition(p -> p != null
                && p.getAdditionalProperties().get("status") instanceof Map<?, ?> s
                && s.size() == 3, WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(low.awaitOutput("priority=3", WAIT)).isTrue();
        create(name, Map.of());
        assertThat(handled(high, name)).isTrue();
        TestCluster.await(name, o -> TestCluster.status(o, "created") != null);
        high.close();
        middle.close();
        assertThat(low.awaitOutput("Resuming operations after the pause.", WAIT)).isTrue();
        String later = newName("later");
        create(later, Map.of());
        assertThat(handled(low, later)).isTrue();
        assertThat(creations(low, name) + creations(middle, name) + creations(high, name))
                .isEqualTo(1);
    }

    @Test
    void theSamePriorityPausesBothWithKopfsWarning() throws Exception {
        KopfRunner one = operator(0, CreateHandlers.class);
        KopfRunner two = operator(0, CreateHandlers.class);
        assertThat(one.awaitOutput("Possibly conflicting operators with the same priority: "
                + "[<Peer ", WAIT)).isTrue();
        assertThat(one.awaitOutput("Pausing all operators, including self: [", WAIT)).isTrue();
        String name = newName("same");
        create(name, Map.of());
        two.close();
        // The survivor resumes once the other's record is gone, and handles what waited.
        assertThat(handled(one, name)).isTrue();
        assertThat(creations(one, name) + creations(two, name)).isEqualTo(1);
    }

    @Test
    void aRecordInPythonKopfsFormatPausesUsAndItsExpiryResumesUs() throws Exception {
        KopfRunner runner = operator(0, CreateHandlers.class);
        assertThat(runner.awaitOutput("Keep-alive in '" + peering + "' in '" + NAMESPACE
                + "': ok.", WAIT)).isTrue();
        writePeer("kopf@python-host/20261203045959/xyz",
                Map.of("priority", 100, "lifetime", 3, "lastseen", pythonNow()));
        assertThat(runner.awaitOutput("Pausing operations in favour of "
                + "[<Peer kopf@python-host/20261203045959/xyz: priority=100, lifetime=3, "
                + "lastseen='", WAIT)).isTrue();
        String name = newName("frozen");
        create(name, Map.of());
        // No one renews the Python record: it expires, we resume, and clean it out.
        assertThat(runner.awaitOutput("Resuming operations after the pause.", WAIT)).isTrue();
        assertThat(handled(runner, name)).isTrue();
        peerings().withName(peering).waitUntilCondition(p -> p != null
                && p.getAdditionalProperties().get("status") instanceof Map<?, ?> s
                && !s.containsKey("kopf@python-host/20261203045959/xyz"),
                WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void daemonsStopWithOperatorPausingAndComeBackOnResume() throws Exception {
        operator(0, DaemonHandlers.class);
        String name = newName("daemon");
        create(name, Map.of());
        assertThat(EVENTS.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("started " + name);
        writePeer("freezer", Map.of("priority", 100, "lifetime", 600, "lastseen", pythonNow()));
        assertThat(EVENTS.poll(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo("stopped " + name + " OPERATOR_PAUSING");
        writePeer("freezer", null);
        assertThat(EVENTS.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("started " + name);
    }

    @Test
    void theDefaultPeeringObjectIsDetectedWithoutOptions() throws Exception {
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion("kopf.dev/v1");
        object.setKind("KopfPeering");
        object.setMetadata(new ObjectMetaBuilder().withName("default").withNamespace(NAMESPACE)
                .build());
        peerings().resource(object).create();
        try {
            OperatorSettings settings = TestCluster.fastSettings();
            KopfRunner one = KopfRunner.builder().client(client()).handlers(CreateHandlers.class)
                    .namespaces(NAMESPACE).settings(settings).start();
            runners.add(one);
            KopfRunner two = KopfRunner.builder().client(client()).handlers(CreateHandlers.class)
                    .namespaces(NAMESPACE).settings(settings).start();
            runners.add(two);
            assertThat(one.awaitOutput("Keep-alive in 'default' in '" + NAMESPACE + "': ok.",
                    WAIT)).isTrue();
            assertThat(one.awaitOutput("Possibly conflicting operators with the same priority",
                    WAIT)).isTrue();
        } finally {
            runners.forEach(KopfRunner::close);
            runners.clear();
            peerings().withName("default").delete();
            peerings().withName("default").waitUntilCondition(p -> p == null,
                    WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }
}
