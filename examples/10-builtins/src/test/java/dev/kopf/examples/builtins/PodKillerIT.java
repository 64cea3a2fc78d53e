package dev.kopf.examples.builtins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.testing.KopfRunner;
import dev.kopf.testing.KopfTest;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Kopf's {@code test_example_10.py}: a pod is seen, its killing is scheduled, and deleting
 * the pod first cancels it.
 */
@KopfTest(args = {"run", "--all-namespaces", "--standalone", "--verbose", "target/classes"},
        cleanup = "pods")
class PodKillerIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    KubernetesClient client;
    KopfRunner runner;

    @Test
    void podsReacted() throws InterruptedException {
        String name = createPod();
        assertThat(runner.awaitOutput("[default/" + name + "] === Pod killing happens in 30s.",
                WAIT)).isTrue();
        deletePod(name);
        assertThat(runner.awaitOutput("[default/" + name + "] === Pod killing is cancelled!",
                WAIT)).isTrue();
        client.pods().inNamespace("default").withName(name)
                .waitUntilCondition(pod -> pod == null, WAIT.toSeconds(), TimeUnit.SECONDS);
        runner.close();

        assertThat(runner.exception()).isNull();
        assertThat(runner.exitCode()).isZero();

        assertThat(runner.output())
                .contains("[default/" + name + "] Creation is in progress:")
                .contains("[default/" + name + "] === Pod killing happens in 30s.")
                .contains("[default/" + name + "] Deletion is in progress:")
                .contains("[default/" + name + "] === Pod killing is cancelled!")
                .doesNotContain("[default/" + name + "] === Pod killing happens NOW!");
    }

    private String createPod() {
        Pod pod = new PodBuilder()
                .withNewMetadata().withGenerateName("kopf-pod-").withNamespace("default")
                .endMetadata()
                .withNewSpec().addNewContainer().withName("the-only-one").withImage("busybox")
                .withCommand("sh", "-x", "-c", "sleep 1").endContainer().endSpec()
                .build();
        return client.resource(pod).create().getMetadata().getName();
    }

    private void deletePod(String name) {
        client.pods().inNamespace("default").withName(name).delete();
    }
}
