package dev.kopf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.testing.EmbeddedKubernetes;
import dev.kopf.testing.internal.cli.LaunchControls;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kopf freeze} and {@code kopf resume} write and remove records as Kopf's do. */
class FreezeResumeTest {

    static final ResourceDefinitionContext PEERINGS = new ResourceDefinitionContext.Builder()
            .withGroup("kopf.dev").withVersion("v1").withPlural("kopfpeerings")
            .withKind("KopfPeering").withNamespaced(true).build();

    private static EmbeddedKubernetes server;
    private static KubernetesClient client;

    @TempDir
    Path temp;

    @BeforeAll
    static void startServer() throws Exception {
        server = EmbeddedKubernetes.start();
        client = server.newClient();
        try (InputStream in = FreezeResumeTest.class.getResourceAsStream("/dev/kopf/peering.yaml")) {
            for (HasMetadata item : client.load(in).items()) {
                if (item.getKind().equals("CustomResourceDefinition")) {
                    client.resource(item).create();
                }
            }
        }
        GenericKubernetesResource peering = new GenericKubernetesResource();
        peering.setApiVersion("kopf.dev/v1");
        peering.setKind("KopfPeering");
        peering.setMetadata(new ObjectMetaBuilder().withName("example").withNamespace("default")
                .build());
        client.genericKubernetesResources(PEERINGS).inNamespace("default").resource(peering)
                .create();
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.close();
    }

    private CliResult kopf(String... args) {
        return CliResult.execute(Environment.of(Map.of(), temp, temp),
                new LaunchControls(List.of(), client, null), args);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> records() {
        GenericKubernetesResource peering = client.genericKubernetesResources(PEERINGS)
                .inNamespace("default").withName("example").get();
        Object status = peering.getAdditionalProperties().get("status");
        return status == null ? Map.of() : (Map<String, Object>) status;
    }

    @Test
    void freezeWritesKopfsRecordAndResumeRemovesIt() {
        CliResult frozen = kopf("freeze", "-P", "example", "-n", "default", "-t", "60",
                "-p", "150", "-i", "admin@laptop", "-m", "maintenance");
        assertThat(frozen.exitCode()).as(frozen.err()).isZero();

        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) records().get("admin@laptop");
        assertThat(record).containsEntry("priority", 150).containsEntry("lifetime", 60)
                .containsOnlyKeys("priority", "lifetime", "lastseen");
        Instant lastseen = java.time.OffsetDateTime.parse((String) record.get("lastseen"))
                .toInstant();
        assertThat(Duration.between(lastseen, Instant.now()).abs())
                .isLessThan(Duration.ofMinutes(5));
        assertThat((String) record.get("lastseen")).endsWith("+00:00");

        CliResult resumed = kopf("resume", "-P", "example", "-n", "default", "-i", "admin@laptop");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(records()).doesNotContainKey("admin@laptop");
    }

    @Test
    void freezeDefaultsToPriority100AndDevTo666() {
        assertThat(kopf("freeze", "-P", "example", "-n", "default", "-t", "5", "-i", "a")
                .exitCode()).isZero();
        assertThat(kopf("freeze", "-P", "example", "-n", "default", "-t", "5", "-i", "b",
                "--dev").exitCode()).isZero();
        assertThat(records().get("a")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("priority", 100);
        assertThat(records().get("b")).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("priority", 666);
        kopf("resume", "-P", "example", "-n", "default", "-i", "a");
        kopf("resume", "-P", "example", "-n", "default", "-i", "b");
    }

    @Test
    void aMissingLifetimeOrPeeringIsAUsageError() {
        CliResult result = kopf("freeze", "-P", "example", "-n", "default");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required option: '--lifetime=SECONDS'");
        assertThat(kopf("resume", "-n", "default").exitCode()).isEqualTo(2);
    }

    @Test
    void aMissingPeeringObjectIsReported() {
        CliResult result = kopf("freeze", "-P", "nosuch", "-n", "default", "-t", "5");
        assertThat(result.err()).contains("The peering object 'nosuch' in 'default' is not "
                + "found.");
    }

    @Test
    void withoutThePeeringCrdTheCommandFailsWithOneLine() {
        CliResult result;
        try (EmbeddedKubernetes bare = EmbeddedKubernetes.start();
                KubernetesClient bareClient = bare.newClient()) {
            result = CliResult.execute(Environment.of(Map.of(), temp, temp),
                    new LaunchControls(List.of(), bareClient, null),
                    "freeze", "-P", "example", "-A", "-t", "5");
        }
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("Cannot find the peering resource for "
                + "ClusterKopfPeering").doesNotContain("\tat ");
    }
}
