package dev.kopf.testing.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.OperatorSettings;
import dev.kopf.testing.EmbeddedKubernetes;
import dev.kopf.testing.KopfRunner;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster the behaviour tests run against: the embedded API server by default, or the
 * cluster in KUBECONFIG when {@code -Pe2e} sets {@code kopf.test.cluster=kubeconfig}. The
 * tests use only what a real cluster offers, so they run unchanged on both.
 */
final class TestCluster {

    static final String NAMESPACE = "default";
    static final ResourceDefinitionContext KOPFEXAMPLES = new ResourceDefinitionContext.Builder()
            .withGroup("kopf.dev").withVersion("v1").withPlural("kopfexamples")
            .withKind("KopfExample").withNamespaced(true).build();
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private static EmbeddedKubernetes server;
    private static KubernetesClient client;

    private TestCluster() {
    }

    /**
     * The tests' own client. Its watches (every {@code waitUntilCondition}) go over plain
     * HTTP, as the operator's do: fabric8's Vert.x WebSocket client can lose a message sent
     * right after the upgrade, and a wait would then miss the change it waits for.
     */
    static synchronized KubernetesClient client() {
        if (client == null) {
            Config config;
            if (isEmbedded()) {
                server = EmbeddedKubernetes.start();
                config = server.config();
            } else {
                config = Config.autoConfigure(null);
            }
            client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(config)
                    .withOnlyHttpWatches(true).build()).build();
            installCrd(client);
        }
        return client;
    }

    static boolean isEmbedded() {
        return !"kubeconfig".equals(System.getProperty("kopf.test.cluster", "embedded"));
    }

    static EmbeddedKubernetes server() {
        client();
        return server;
    }

    private static void installCrd(KubernetesClient client) {
        Path crd = Path.of("..", "examples", "crd.yaml");
        try (InputStream in = Files.newInputStream(crd)) {
            client.resource(in).createOr(existing -> existing.update());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot read " + crd.toAbsolutePath(), e);
        }
        client.apiextensions().v1().customResourceDefinitions()
                .withName("kopfexamples.kopf.dev")
                .waitUntilCondition(c -> c != null && c.getStatus() != null
                        && c.getStatus().getConditions() != null
                        && c.getStatus().getConditions().stream().anyMatch(
                                cond -> "Established".equals(cond.getType())
                                        && "True".equals(cond.getStatus()))
                        || isEmbedded(), WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** A fresh object name, unique within the test run. */
    static String newName(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet() + "-" + ProcessHandle.current().pid();
    }

    static Resource<GenericKubernetesResource> example(String name) {
        return client().genericKubernetesResources(KOPFEXAMPLES).inNamespace(NAMESPACE)
                .withName(name);
    }

    static GenericKubernetesResource create(String name, Map<String, Object> spec,
            Map<String, String> labels, Map<String, String> annotations) {
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion("kopf.dev/v1");
        object.setKind("KopfExample");
        object.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName(name).withNamespace(NAMESPACE)
                .withLabels(labels).withAnnotations(annotations).build());
        object.setAdditionalProperty("spec", new LinkedHashMap<>(spec));
        return client().genericKubernetesResources(KOPFEXAMPLES).inNamespace(NAMESPACE)
                .resource(object).create();
    }

    static GenericKubernetesResource create(String name, Map<String, Object> spec) {
        return create(name, spec, Map.of(), Map.of());
    }

    static void mergePatch(String name, String json) {
        example(name).patch(PatchContext.of(PatchType.JSON_MERGE), json);
    }

    static GenericKubernetesResource await(String name,
            Predicate<GenericKubernetesResource> condition) {
        try {
            return example(name).waitUntilCondition(o -> o != null && condition.test(o),
                    WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (KubernetesClientTimeoutException e) {
            diagnose("the condition on " + name + " did not hold within " + WAIT);
            throw e;
        }
    }

    static void awaitGone(String name) {
        try {
            example(name).waitUntilCondition(o -> o == null, WAIT.toSeconds(),
                    TimeUnit.SECONDS);
        } catch (KubernetesClientTimeoutException e) {
            diagnose(name + " was not gone within " + WAIT);
            throw e;
        }
    }

    /** Prints what the server was asked and what every thread does, while they still run. */
    static void diagnose(String what) {
        FailureDiagnostics.print(what, server);
    }

    @SuppressWarnings("unchecked")
    static Object status(GenericKubernetesResource object, String key) {
        Object status = object.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(key) : null;
    }

    /** Removes every example object, finalizers included, so tests do not see each other's. */
    static void deleteAll() {
        var all = client().genericKubernetesResources(KOPFEXAMPLES).inNamespace(NAMESPACE);
        for (GenericKubernetesResource object : all.list().getItems()) {
            String name = object.getMetadata().getName();
            if (object.getMetadata().getFinalizers() != null
                    && !object.getMetadata().getFinalizers().isEmpty()) {
                example(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"finalizers\":null}}");
            }
            example(name).delete();
            awaitGone(name);
        }
    }

    /** Settings that keep retries short, so tests need not wait for Kopf's 60 seconds. */
    static OperatorSettings fastSettings() {
        return OperatorSettings.builder()
                .execution(e -> e.withDefaultBackoff(Duration.ofMillis(200)))
                .build();
    }

    /** Starts an operator serving the test namespace with the given handler classes. */
    static KopfRunner operator(Class<?>... handlers) throws InterruptedException {
        KopfRunner runner = KopfRunner.builder().client(client()).handlers(handlers)
                .namespaces(NAMESPACE).settings(fastSettings()).start();
        if (!runner.awaitReady(WAIT)) {
            diagnose("the operator was not ready within " + WAIT);
            runner.close();
            throw new IllegalStateException("The operator did not become ready: "
                    + runner.output());
        }
        return runner;
    }

    private static final Pattern JOINED =
            Pattern.compile("Joining the sharding ring '[^']+' as (\\S+) \\(Lease");

    /** A sharded replica's name in the ring, as it says when it joins. */
    static String shardMember(KopfRunner runner) throws InterruptedException {
        assertThat(runner.awaitOutput("Joining the sharding ring", WAIT)).isTrue();
        Matcher matcher = JOINED.matcher(runner.output());
        assertThat(matcher.find()).as(runner.output()).isTrue();
        return matcher.group(1);
    }
}
