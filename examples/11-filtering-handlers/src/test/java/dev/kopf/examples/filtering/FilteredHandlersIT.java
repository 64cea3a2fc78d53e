package dev.kopf.examples.filtering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.testing.KopfRunner;
import dev.kopf.testing.KopfTest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Kopf's {@code test_example_11.py}: create the example object, change its field, delete
 * it, and check that exactly the handlers whose filters match have logged.
 */
@KopfTest(args = {"run", "--all-namespaces", "--verbose", "--standalone", "target/classes"},
        crds = "../crd.yaml")
class FilteredHandlersIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PREFIX = "[default/kopf-example-1] ";

    KubernetesClient client;
    KopfRunner runner;

    @Test
    void handlerFiltering() throws IOException, InterruptedException {
        List<HasMetadata> objects = load(Path.of("../obj.yaml"));
        HasMetadata object = objects.get(0);

        // Kopf's test sleeps after each step; waiting for what proves the step is faster.
        client.resource(object).create();
        assertThat(runner.awaitOutput(PREFIX + "Creation is processed:", WAIT)).isTrue();
        client.resource(object).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"field\":\"changed\"}}");
        assertThat(runner.awaitOutput(PREFIX + "Updating is processed:", WAIT)).isTrue();
        client.resource(object).delete();
        client.resource(object).waitUntilCondition(o -> o == null, WAIT.toSeconds(),
                TimeUnit.SECONDS);
        runner.close();

        // Ensure that the operator did not die on start, or during the operation.
        assertThat(runner.exception()).isNull();
        assertThat(runner.exitCode()).isZero();

        // Check for correct log lines (to indicate correct handlers were executed).
        assertThat(runner.output())
                .contains(PREFIX + "Label is matching.")
                .contains(PREFIX + "Label is present.")
                .contains(PREFIX + "Label is absent.")
                .contains(PREFIX + "Label callback matching.")
                .contains(PREFIX + "Annotation is matching.")
                .contains(PREFIX + "Annotation is present.")
                .contains(PREFIX + "Annotation is absent.")
                .doesNotContain(PREFIX + "Annotation callback mismatch.")
                .contains(PREFIX + "Filter satisfied.")
                .doesNotContain(PREFIX + "Filter not satisfied.")
                .contains(PREFIX + "Field value is satisfied.")
                .doesNotContain(PREFIX + "Field value is not satisfied.")
                .contains(PREFIX + "Field presence is satisfied.")
                .doesNotContain(PREFIX + "Field presence is not satisfied.")
                .contains(PREFIX + "Field change is satisfied.")
                .contains(PREFIX + "Field daemon is satisfied.");
    }

    private List<HasMetadata> load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return client.load(in).items();
        }
    }
}
