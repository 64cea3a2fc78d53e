package dev.kopf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.cli.handlers.ExampleHandlers;
import dev.kopf.testing.EmbeddedKubernetes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leader election across operator processes on one embedded server: SIGKILL the leader and
 * the standby handles what comes later, each create handler succeeding once overall;
 * SIGTERM the leader and it releases the lease to the standby. Slow (JVM starts and a lease
 * expiry): tagged {@code slow}.
 */
@Tag("slow")
class LeaderFailoverTest {

    private static final ResourceDefinitionContext EXAMPLES = new ResourceDefinitionContext
            .Builder().withGroup("kopf.dev").withVersion("v1").withPlural("kopfexamples")
            .withKind("KopfExample").withNamespaced(true).build();
    private static final long WAIT = 90;

    @TempDir
    Path temp;

    private final List<Process> processes = new ArrayList<>();
    /** Each replica's output, filled by a reader thread; guarded by itself. */
    private final java.util.Map<String, StringBuilder> outputs = new java.util.HashMap<>();

    @AfterEach
    void killAll() {
        processes.forEach(Process::destroyForcibly);
    }

    private Process replica(String id, Path kubeconfig, Path classes) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"),
                "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "-n", "default", "--standalone", "--verbose",
                "--leader-election", "--lease-name", "failover", classes.toString());
        builder.environment().put("POD_ID", id);
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.redirectErrorStream(true);
        Process process = builder.start();
        processes.add(process);
        StringBuilder output = new StringBuilder();
        synchronized (outputs) {
            outputs.put(id, output);
        }
        Thread reader = new Thread(() -> {
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                    process.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (outputs) {
                        output.append(line).append('\n');
                        outputs.notifyAll();
                    }
                }
            } catch (IOException e) {
                // The process ended.
            }
        }, "output-" + id);
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    private String log(String id) {
        synchronized (outputs) {
            StringBuilder output = outputs.get(id);
            return output == null ? "" : output.toString();
        }
    }

    private static Lease awaitHolder(KubernetesClient client, String id) {
        return client.leases().inNamespace("default").withName("failover").waitUntilCondition(
                l -> l != null && id.equals(l.getSpec().getHolderIdentity()), WAIT,
                TimeUnit.SECONDS);
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

    private static void awaitHandled(KubernetesClient client, String name) {
        client.genericKubernetesResources(EXAMPLES).inNamespace("default").withName(name)
                .waitUntilCondition(o -> o != null
                        && o.getAdditionalProperties().get("status") instanceof java.util.Map<?, ?> s
                        && s.containsKey("createFn"), WAIT, TimeUnit.SECONDS);
    }

    private int successes(String name, String... ids) {
        Pattern line = Pattern.compile("\\[default/" + Pattern.quote(name)
                + "\\] Handler 'createFn' succeeded\\.");
        int count = 0;
        for (String id : ids) {
            Matcher matcher = line.matcher(log(id));
            while (matcher.find()) {
                count++;
            }
        }
        return count;
    }

    private void awaitLog(String id, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT);
        synchronized (outputs) {
            while (!log(id).contains(text)) {
                long left = deadline - System.nanoTime();
                assertThat(left).as("%s logs '%s': %s", id, text, log(id)).isPositive();
                TimeUnit.NANOSECONDS.timedWait(outputs, left);
            }
        }
    }

    @Test
    void theStandbyTakesOverAfterSigkillAndSigterm() throws Exception {
        Path classes = ClassFolders.of(temp.resolve("classes"), ExampleHandlers.class);
        try (EmbeddedKubernetes server = EmbeddedKubernetes.start();
                KubernetesClient client = server.newClient()) {
            try (InputStream crd = Files.newInputStream(Path.of(Resources.crd()))) {
                client.resource(crd).create();
            }
            Path kubeconfig = server.writeKubeconfig(temp.resolve("kubeconfig"));

            Process a = replica("replica-a", kubeconfig, classes);
            awaitHolder(client, "replica-a");
            replica("replica-b", kubeconfig, classes);
            awaitLog("replica-b", "Attempting to acquire the leader lease");
            create(client, "before-kill");
            awaitHandled(client, "before-kill");

            a.destroyForcibly().waitFor();
            create(client, "after-kill");
            awaitHolder(client, "replica-b");
            awaitHandled(client, "after-kill");
            assertThat(successes("before-kill", "replica-a", "replica-b")).isEqualTo(1);
            assertThat(successes("after-kill", "replica-a", "replica-b")).isEqualTo(1);

            replica("replica-c", kubeconfig, classes);
            awaitLog("replica-c", "Attempting to acquire the leader lease");
            processes.get(1).destroy();
            Lease taken = awaitHolder(client, "replica-c");
            assertThat(processes.get(1).waitFor(WAIT, TimeUnit.SECONDS)).isTrue();
            assertThat(taken.getSpec().getLeaseTransitions()).isEqualTo(2);
            create(client, "after-term");
            awaitHandled(client, "after-term");
            assertThat(successes("after-term", "replica-a", "replica-b", "replica-c"))
                    .isEqualTo(1);
        }
    }
}
