package dev.kopf.examples.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.testing.KopfRunner;
import dev.kopf.testing.KopfTest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Kopf's {@code test_example_09.py}: run the operator as {@code kopf run} does, create the
 * example object, delete it, and check what the operator logged.
 *
 * <p>{@code @KopfTest} starts the embedded API server (or uses {@code KUBECONFIG} with
 * {@code -Pe2e}), installs the CRD, and runs the command line around the test.
 */
@KopfTest(args = {"run", "--all-namespaces", "--verbose", "--standalone", "target/classes"},
        crds = "../crd.yaml")
class LoggingHandlersIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    KubernetesClient client;
    KopfRunner runner;

    @Test
    void resourceLifecycle() throws IOException, InterruptedException {
        List<HasMetadata> objects = load(Path.of("../obj.yaml"));

        // Kopf's test sleeps after each step; waiting for what proves the step is faster.
        client.resourceList(objects).create();
        assertThat(runner.awaitOutput("[default/kopf-example-1] Creation is processed:", WAIT))
                .isTrue();
        client.resourceList(objects).delete();
        client.resourceList(objects).waitUntilCondition(o -> o == null, WAIT.toSeconds(),
                TimeUnit.SECONDS);
        runner.close();

        // Ensure that the operator did not die on start, or during the operation.
        assertThat(runner.exception()).isNull();
        assertThat(runner.exitCode()).isZero();

        // There are usually more than these messages, but we only check for the certain ones.
        assertThat(runner.output())
                .contains("[default/kopf-example-1] Creation is in progress:")
                .contains("[default/kopf-example-1] Something was logged here.");
    }

    private List<HasMetadata> load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return client.load(in).items();
        }
    }
}
