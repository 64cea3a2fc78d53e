package dev.kopf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.cli.handlers.ShardedHandlers;
import dev.kopf.testing.EmbeddedKubernetes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sharding across operator processes on one embedded server: three replicas share the
 * objects, a fourth joins, one gets SIGTERM (its Lease goes at once), one SIGKILL (its Lease
 * expires): every object ends with its survivors, each handler succeeded once, and no two
 * calls for one object overlapped (from the handlers' own records). Slow (JVM starts and a
 * lease expiry): tagged {@code slow}.
 */
@Tag("slow")
class ShardingFailoverTest {

    private static final ResourceDefinitionContext EXAMPLES = new ResourceDefinitionContext
            .Builder().withGroup("kopf.dev").withVersion("v1").withPlural("kopfexamples")
            .withKind("KopfExample").withNamespaced(true).build();
    private static final long WAIT = 90;
    private static final String OWNER = "sharding.kopf.dev/proc";

    @TempDir
    Path temp;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killAll() {
        processes.forEach(Process::destroyForcibly);
    }

    private Process replica(String id, Path kubeconfig, Path classes) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"),
                "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "-n", "default", "--shards", "auto",
                "--ring", "proc", classes.toString());
        builder.environment().put("POD_ID", id);
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().put("KOPF_TEST_RECORDS", temp.resolve("records").toString());
        builder.redirectErrorStream(true);
        builder.redirectOutput(temp.resolve(id + ".log").toFile());
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private static void awaitMembers(KubernetesClient client, Set<String> members)
            throws Exception {
        client.leases().inNamespace("default").withLabel("sharding.kopf.dev/ring", "proc")
                .informOnCondition(leases -> leases.stream()
                        .map(l -> l.getSpec().getHolderIdentity()).collect(Collectors.toSet())
                        .equals(members))
                .get(WAIT, TimeUnit.SECONDS);
    }

    private static void create(KubernetesClient client, String name) {
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion("kopf.dev/v1");
        object.setKind("KopfExample");
        object.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("default")
                .build());
        client.genericKubernetesResources(EXAMPLES).inNamespace("default").resource(object)
                .create();
    }

    @SuppressWarnings("unchecked")
    private static List<GenericKubernetesResource> awaitHandled(KubernetesClient client,
            int count, Set<String> owners) throws Exception {
        return client.genericKubernetesResources(EXAMPLES).inNamespace("default")
                .informOnCondition(objects -> objects.size() == count && objects.stream()
                        .allMatch(o -> o.getAdditionalProperties().get("status")
                                instanceof Map<?, ?> status && status.containsKey("first")
                                && status.containsKey("second") && status.containsKey("third")
                                && o.getMetadata().getLabels() != null
                                && o.getMetadata().getLabels().get(OWNER) != null
                                && owners.contains(o.getMetadata().getLabels().get(OWNER))))
                .get(WAIT, TimeUnit.SECONDS);
    }

    private List<String> createMany(KubernetesClient client, String prefix, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(prefix + "-" + i);
            create(client, prefix + "-" + i);
        }
        return names;
    }

    /** One line of the records: object handler replica start end outcome. */
    private record Call(String object, String handler, String replica, long start, long end,
            String outcome) {
        static Call parse(String line) {
            String[] parts = line.split(" ");
            return new Call(parts[0], parts[1], parts[2], Long.parseLong(parts[3]),
                    Long.parseLong(parts[4]), parts[5]);
        }
    }

    @Test
    void replicasShareTheObjectsThroughSigtermAndSigkill() throws Exception {
        Path classes = ClassFolders.of(temp.resolve("classes"), ShardedHandlers.class);
        try (EmbeddedKubernetes server = EmbeddedKubernetes.start();
                KubernetesClient client = server.newClient()) {
            try (InputStream crd = Files.newInputStream(Path.of(Resources.crd()))) {
                client.resource(crd).create();
            }
            Path kubeconfig = server.writeKubeconfig(temp.resolve("kubeconfig"));
            replica("replica-a", kubeconfig, classes);
            Process b = replica("replica-b", kubeconfig, classes);
            Process c = replica("replica-c", kubeconfig, classes);
            awaitMembers(client, Set.of("replica-a", "replica-b", "replica-c"));
            createMany(client, "early", 30);
            awaitHandled(client, 30, Set.of("replica-a", "replica-b", "replica-c"));

            replica("replica-d", kubeconfig, classes);
            awaitMembers(client, Set.of("replica-a", "replica-b", "replica-c", "replica-d"));
            b.destroy();
            assertThat(b.waitFor(WAIT, TimeUnit.SECONDS)).isTrue();
            awaitMembers(client, Set.of("replica-a", "replica-c", "replica-d"));
            c.destroyForcibly().waitFor();
            createMany(client, "late", 30);
            awaitHandled(client, 60, Set.of("replica-a", "replica-d"));
        }

        List<Call> calls = Files.readAllLines(temp.resolve("records")).stream()
                .map(Call::parse).toList();
        Map<String, Long> successes = calls.stream()
                .filter(call -> call.outcome().equals("succeeded"))
                .collect(Collectors.groupingBy(call -> call.object() + "/" + call.handler(),
                        Collectors.counting()));
        assertThat(successes).hasSize(60 * 3).allSatisfy((key, count) ->
                assertThat(count).as(key).isEqualTo(1));
        Map<String, List<Call>> byObject = calls.stream()
                .collect(Collectors.groupingBy(Call::object));
        byObject.values().forEach(objectCalls -> {
            List<Call> ordered = new ArrayList<>(objectCalls);
            ordered.sort(Comparator.comparingLong(Call::start));
            for (int i = 1; i < ordered.size(); i++) {
                assertThat(ordered.get(i).start()).as("%s overlaps %s", ordered.get(i),
                        ordered.get(i - 1)).isGreaterThanOrEqualTo(ordered.get(i - 1).end());
            }
        });
        String logB = Files.readString(temp.resolve("replica-b.log"));
        assertThat(logB).contains("Left the sharding ring 'proc'");
    }
}
