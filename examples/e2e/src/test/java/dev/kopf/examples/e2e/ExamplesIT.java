package dev.kopf.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kopf.HandlerOutcome;
import dev.kopf.OperatorSettings;
import dev.kopf.testing.EmbeddedKubernetes;
import dev.kopf.testing.KopfRunner;
import dev.kopf.testing.KopfTest;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kopf's {@code tests/e2e/test_examples.py}: every example runs with {@code kopf run}, the
 * example object is created and deleted, and the output must show what Kopf's test expects.
 *
 * <p>Against the embedded API server by default; against the cluster in {@code KUBECONFIG}
 * with {@code mvn verify -Pe2e}. The per-example knobs are in {@link Examples}.
 */
@KopfTest(crds = "../crd.yaml", cleanup = "pods")
class ExamplesIT {

    private static final Path EXAMPLES = Path.of("..");
    private static final Duration WAIT = Examples.WAIT;
    private static final String PREFIX = "[default/kopf-example-1] ";
    private static final Pattern SUCCEEDED = Pattern.compile("'(.+?)' succeeded");
    private static final Pattern FAILED =
            Pattern.compile("'(.+?)' failed (?:permanently|with an exception and will stop)");
    /** A stack trace line, Java's counterpart of {@code Traceback (most recent call last):}. */
    private static final Pattern STACK_TRACE = Pattern.compile("(?m)^\\s+at [\\w$.<>/]+\\(");

    // As Kopf's test: short retries instead of 60 seconds, and watches that end in time.
    private static final OperatorSettings SETTINGS = OperatorSettings.builder()
            .execution(e -> e.withDefaultBackoff(Duration.ofSeconds(1)))
            .watching(w -> w.withServerTimeout(Duration.ofSeconds(10)))
            .build();

    KubernetesClient client;
    EmbeddedKubernetes server;

    @TempDir
    Path directory;

    static Stream<E2EConfig> examples() {
        return Examples.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void allExamplesAreRunnable(E2EConfig config) throws Exception {
        assumeTrue(config.ownTest() == null, () -> "Tested by " + config.ownTest() + ".");
        Path classes = EXAMPLES.resolve(config.example()).resolve("target").resolve("classes");
        assertThat(classes).as("Build the examples first: mvn install -pl examples -amd")
                .isDirectory();
        HandlerScan parser = HandlerScan.of(classes);
        List<HasMetadata> objects = load(EXAMPLES.resolve("obj.yaml"));
        ensureAbsent(objects);

        // Run an operator and simulate some activity with the operated resource.
        AutoCloseable undo = config.setup() == null ? () -> { }
                : config.setup().prepare(new ExampleRun.Cluster(client, server, directory));
        KopfRunner runner = KopfRunner.builder()
                .args("run", "--all-namespaces", "--standalone", "--verbose",
                        classes.toString())
                .client(client).settings(SETTINGS).timeout(WAIT).noReraise().start();
        ExampleRun run = new ExampleRun(runner, client);
        try (undo; runner) {
            // Instead of Kopf's 'Client is configured': the operator has listed everything.
            assertThat(runner.awaitReady(WAIT)).as(runner::output).isTrue();
            awaitEvery(runner, config.startupStopWords());

            client.resourceList(objects).create();
            awaitEvery(runner, creationStopWords(config, parser));
            if (config.afterCreation() != null) {
                config.afterCreation().verify(run);
            }

            client.resourceList(objects).delete();
            awaitGone(objects);
            awaitEvery(runner, deletionStopWords(config, parser));
        }

        // Verify that the operator did not die on start, or during the operation.
        String output = runner.output();
        assertThat(runner.exception()).as(() -> output).isNull();
        assertThat(runner.exitCode()).as(() -> output).isZero();

        // There are usually more than these messages, but we only check for the certain ones.
        // This just shows us that the operator is doing something, it is alive.
        if (parser.hasMandatoryOnDelete()) {
            assertThat(output).contains(PREFIX + "Adding the finalizer");
        }
        if (parser.hasOnCreate()) {
            assertThat(output).contains(PREFIX + "Creation is in progress:");
        }
        if (parser.hasMandatoryOnDelete()) {
            assertThat(output).contains(PREFIX + "Deletion is in progress:");
        }
        if (parser.hasChangingHandlers()) {
            assertThat(output).contains(PREFIX + "Deleted, really deleted");
        }
        if (!config.allowStackTraces()) {
            assertThat(STACK_TRACE.matcher(output).find()).as(() -> output).isFalse();
        }

        // Verify that once a handler succeeds, it is never re-executed again.
        Map<String, Integer> successes = count(SUCCEEDED, output);
        if (config.successCounts() != null) {
            successes.keySet().retainAll(config.successCounts().keySet());
            assertThat(successes).isEqualTo(config.successCounts());
        } else {
            assertThat(successes.values()).as(successes::toString).containsOnly(1)
                    .isNotEmpty();
        }

        // Verify that once a handler fails, it is never re-executed again.
        Map<String, Integer> failures = count(FAILED, output);
        if (config.failureCounts() != null) {
            failures.keySet().retainAll(config.failureCounts().keySet());
            assertThat(failures).isEqualTo(config.failureCounts());
        } else {
            assertThat(failures).isEmpty();
        }

        if (config.afterRun() != null) {
            config.afterRun().verify(run);
        }
    }

    /** {@code KopfRunner.outcomes()} for a command-line run, as for a builder run. */
    @Test
    void commandLineRunsReportHandlerOutcomes() throws Exception {
        Path classes = EXAMPLES.resolve("01-minimal").resolve("target").resolve("classes");
        List<HasMetadata> objects = load(EXAMPLES.resolve("obj.yaml"));
        ensureAbsent(objects);
        try (KopfRunner runner = KopfRunner.builder()
                .args("run", "--all-namespaces", "--standalone", classes.toString())
                .client(client).settings(SETTINGS).timeout(WAIT).start()) {
            assertThat(runner.awaitReady(WAIT)).as(runner::output).isTrue();
            client.resourceList(objects).create();
            assertThat(runner.awaitOutput(PREFIX + "Creation is processed:", WAIT)).isTrue();
            assertThat(runner.awaitOutcome(o -> o.name().equals(ExampleRun.NAME), WAIT)).isTrue();
            assertThat(runner.outcomes()).extracting(HandlerOutcome::name, HandlerOutcome::handlerId,
                    HandlerOutcome::result).containsExactly(
                    tuple(ExampleRun.NAME, "createFn", HandlerOutcome.Result.SUCCEEDED));
        }
    }

    @Test
    void everyExampleIsInTheTable() throws IOException {
        List<String> folders;
        try (Stream<Path> paths = Files.list(EXAMPLES)) {
            folders = paths.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> name.matches("\\d\\d-.+")).sorted().toList();
        }
        assertThat(Examples.ALL).extracting(E2EConfig::example)
                .containsExactlyElementsOf(folders);
    }

    static List<String> creationStopWords(E2EConfig config, HandlerScan parser) {
        if (config.creationStopWords() != null) {
            return config.creationStopWords();
        }
        assertThat(parser.hasOnCreate()).as("%s has no creation handlers: give its creation "
                + "stop words in Examples.", config.example()).isTrue();
        return List.of(PREFIX + "Creation is processed:");
    }

    static List<String> deletionStopWords(E2EConfig config, HandlerScan parser) {
        if (config.deletionStopWords() != null) {
            return config.deletionStopWords();
        }
        return parser.hasChangingHandlers() ? List.of(PREFIX + "Deleted, really deleted")
                : List.of();
    }

    static void awaitEvery(KopfRunner runner, List<String> words)
            throws InterruptedException {
        for (String word : words) {
            assertThat(runner.awaitOutput(word, WAIT))
                    .as(() -> "'" + word + "' in the output:\n" + runner.output()).isTrue();
        }
    }

    private static Map<String, Integer> count(Pattern pattern, String output) {
        Map<String, Integer> counts = new TreeMap<>();
        Matcher matcher = pattern.matcher(output);
        while (matcher.find()) {
            counts.merge(matcher.group(1), 1, Integer::sum);
        }
        return counts;
    }

    private List<HasMetadata> load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return client.load(in).items();
        }
    }

    // Kopf's fixtures do the same with kubectl: no operator runs yet, so the finalizers go too.
    private void ensureAbsent(List<HasMetadata> objects) {
        for (HasMetadata object : objects) {
            try {
                client.resource(object).patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"finalizers\":null}}");
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
            client.resource(object).delete();
        }
        awaitGone(objects);
    }

    private void awaitGone(List<HasMetadata> objects) {
        for (HasMetadata object : objects) {
            client.resource(object).waitUntilCondition(o -> o == null, WAIT.toSeconds(),
                    TimeUnit.SECONDS);
        }
    }
}
