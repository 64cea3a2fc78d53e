package dev.kopf.testing.behaviour;

import static dev.kopf.testing.behaviour.TestCluster.WAIT;
import static dev.kopf.testing.behaviour.TestCluster.client;
import static dev.kopf.testing.behaviour.TestCluster.create;
import static dev.kopf.testing.behaviour.TestCluster.mergePatch;
import static dev.kopf.testing.behaviour.TestCluster.newName;
import static dev.kopf.testing.behaviour.TestCluster.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.Meta;
import dev.kopf.OnCreate;
import dev.kopf.OnUpdate;
import dev.kopf.OperatorSettings;
import dev.kopf.Spec;
import dev.kopf.storage.AnnotationsDiffBaseStorage;
import dev.kopf.storage.AnnotationsProgressStorage;
import dev.kopf.testing.KopfRunner;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fault suite's bad objects at the cluster's size limits (issue 13): annotations near
 * their 256 KiB total, and objects whose diff-base does not fit into etcd's 1.5 MiB. The
 * operator's own writes are refused there (422, or etcd's 500); it must say so in one line
 * per object, retry with a growing delay, and keep serving the others. The embedded server
 * enforces the same limits as a real cluster, so this runs unchanged with {@code -Pe2e}.
 */
@Tag("chaos")
class FaultSuiteLimitsIT {
    /** User annotations that leave less room than the operator's own state needs. */
    private static final int NEAR_LIMIT = 262_144 - 200;
    private static final Pattern RETRY_DELAY = Pattern.compile("it will be retried in (\\d+) "
            + "seconds");

    static final Map<String, List<String>> RUNS = new ConcurrentHashMap<>();

    public static class Handlers {
        @OnCreate("kopfexamples.kopf.dev")
        public Map<String, Object> createFn(Meta meta) {
            RUNS.computeIfAbsent(meta.name(), key -> new CopyOnWriteArrayList<>()).add("create");
            return Map.of("done", true);
        }

        @OnUpdate("kopfexamples.kopf.dev")
        public void updateFn(Meta meta, Spec spec) {
            RUNS.computeIfAbsent(meta.name(), key -> new CopyOnWriteArrayList<>())
                    .add("update:" + spec.get("value"));
        }
    }

    @BeforeEach
    @AfterEach
    void clean() {
        TestCluster.deleteAll();
    }

    @Test
    void annotationsNearTheLimitAreHandledWhenProgressIsKeptInTheStatus() throws Exception {
        String crowded = newName("limits-crowded");
        create(crowded, Map.of("value", 1), Map.of(), userAnnotations());
        try (KopfRunner runner = operator(TestCluster.fastSettings())) {
            TestCluster.await(crowded, o -> status(o, "createFn") != null);
            mergePatch(crowded, "{\"spec\":{\"value\":2}}");
            awaitRuns(crowded, runs -> runs.contains("update:2"));
            assertThat(RUNS.get(crowded)).containsExactly("create", "update:2");
            assertThat(runner.output()).doesNotContain("Too long");
            runner.close();
            assertThat(runner.exitCode()).isZero();
        }
    }

    @Test
    void progressThatDoesNotFitIntoTheAnnotationsIsReportedAndRetriedWithBackoff()
            throws Exception {
        String crowded = newName("limits-crowded");
        String good = newName("limits-good");
        create(crowded, Map.of("value", 1), Map.of(), userAnnotations());
        OperatorSettings inAnnotations = TestCluster.fastSettings().toBuilder()
                .persistence(p -> p.withProgressStorage(new AnnotationsProgressStorage())
                        .withDiffBaseStorage(new AnnotationsDiffBaseStorage()))
                .build();
        try (KopfRunner runner = operator(inAnnotations)) {
            create(good, Map.of("value", 1));
            TestCluster.await(good, o -> status(o, "createFn") != null);
            String refused = "Processing of kopfexamples " + TestCluster.NAMESPACE + "/"
                    + crowded + " failed; it will be retried in";
            // Kopf's error delays are 1, 1, 2, 3, … seconds: a third refusal waits longer.
            awaitCondition("a third refusal of " + crowded,
                    () -> count(runner.output(), refused) >= 3);

            List<String> lines = lines(runner.output(), refused);
            assertThat(lines).allSatisfy(line -> assertThat(line).contains("API error 422: ")
                    .endsWith("metadata.annotations: Too long: must have at most 262144 "
                            + "bytes"));
            assertThat(delays(lines)).isSorted().last().isNotEqualTo(delays(lines).get(0));
            assertThat(runner.output()).doesNotContain("ApiException");
            assertThat(RUNS.get(good)).containsExactly("create");
            runner.close();
            assertThat(runner.exitCode()).isZero();
        }
    }

    @Test
    void aSpecWhoseDiffBaseDoesNotFitIntoEtcdIsReportedAndBlocksNoOne() throws Exception {
        String huge = newName("limits-huge");
        String good = newName("limits-good");
        // About 1 MiB: stored, but with its diff-base (a copy of the spec) over 1.5 MiB.
        create(huge, Map.of("payload", "x".repeat(1024 * 1024)));
        // fabric8 retries 5xx itself, 10 times with a growing delay by default: once is
        // enough to see the refusal.
        try (KubernetesClient retryingOnce = new KubernetesClientBuilder().withConfig(
                new ConfigBuilder(client().getConfiguration()).withRequestRetryBackoffLimit(1)
                        .build()).build();
                KopfRunner runner = operator(retryingOnce, TestCluster.fastSettings())) {
            String refused = "Processing of kopfexamples " + TestCluster.NAMESPACE + "/" + huge
                    + " failed; it will be retried in";
            awaitCondition("a refusal of " + huge, () -> count(runner.output(), refused) >= 2);
            create(good, Map.of("value", 1));
            TestCluster.await(good, o -> status(o, "createFn") != null);

            assertThat(lines(runner.output(), refused)).allSatisfy(line -> assertThat(line)
                    .contains("API error 500: etcdserver: request is too large"));
            assertThat(RUNS.get(good)).containsExactly("create");
            runner.close();
            assertThat(runner.exitCode()).isZero();
        }
    }

    private static Map<String, String> userAnnotations() {
        String key = "example.com/notes";
        return Map.of(key, "n".repeat(NEAR_LIMIT - key.length()));
    }

    private static KopfRunner operator(OperatorSettings settings) throws InterruptedException {
        return operator(client(), settings);
    }

    private static KopfRunner operator(KubernetesClient client, OperatorSettings settings)
            throws InterruptedException {
        KopfRunner runner = KopfRunner.builder().client(client).handlers(Handlers.class)
                .namespaces(TestCluster.NAMESPACE).settings(settings).start();
        if (!runner.awaitReady(WAIT)) {
            runner.close();
            throw new IllegalStateException("The operator did not become ready: "
                    + runner.output());
        }
        return runner;
    }

    private static List<String> lines(String output, String text) {
        return Arrays.stream(output.split("\n")).filter(line -> line.contains(text)).toList();
    }

    private static int count(String output, String text) {
        return lines(output, text).size();
    }

    private static List<Integer> delays(List<String> lines) {
        return lines.stream().map(RETRY_DELAY::matcher).filter(Matcher::find)
                .map(m -> Integer.parseInt(m.group(1))).toList();
    }

    private static void awaitRuns(String name,
            java.util.function.Predicate<List<String>> condition) {
        awaitCondition("the runs of " + name + " (" + RUNS.get(name) + ")",
                () -> condition.test(RUNS.getOrDefault(name, List.of())));
    }

    private static void awaitCondition(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what + ".");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
    }
}
