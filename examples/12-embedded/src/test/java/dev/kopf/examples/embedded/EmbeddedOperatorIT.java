package dev.kopf.examples.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.testing.KopfTest;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The application runs its steps while the embedded operator handles its objects. */
@KopfTest(crds = "../crd.yaml")
class EmbeddedOperatorIT {

    KubernetesClient client;

    @Test
    void theOperatorRunsAlongsideTheApplication() throws InterruptedException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            EmbeddedOperator.run(client, 3);
        } finally {
            System.setOut(original);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8).lines()).containsSubsequence(
                "Starting the main app.",
                "Do the main app activity here. Step 1/3.",
                "Hello, kopf-example-0!",
                "Good bye, kopf-example-0!",
                "Do the main app activity here. Step 2/3.",
                "Hello, kopf-example-1!",
                "Good bye, kopf-example-1!",
                "Do the main app activity here. Step 3/3.",
                "Hello, kopf-example-2!",
                "Good bye, kopf-example-2!",
                "Exiting the main app.");
        ResourceDefinitionContext kopfexamples = new ResourceDefinitionContext.Builder()
                .withGroup("kopf.dev").withVersion("v1").withPlural("kopfexamples")
                .withKind("KopfExample").withNamespaced(true).build();
        assertThat(client.genericKubernetesResources(kopfexamples).inNamespace("default")
                .list().getItems()).isEmpty();
    }
}
