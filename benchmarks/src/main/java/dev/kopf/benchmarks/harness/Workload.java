package dev.kopf.benchmarks.harness;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's objects: the {@code kopfexamples.kopf.dev} CRD (examples/crd.yaml, with the
 * status subresource) and {@code KopfExample} objects created by concurrent writers.
 */
final class Workload {
    static final String PLURAL = "kopfexamples";
    static final String LABEL = "kopf-benchmark";
    static final ResourceDefinitionContext KOPFEXAMPLES = new ResourceDefinitionContext.Builder()
            .withGroup("kopf.dev").withVersion("v1").withKind("KopfExample")
            .withPlural(PLURAL).withNamespaced(true).build();

    private Workload() {
    }

    static KubernetesClient client(Path kubeconfig) {
        Config config = Config.fromKubeconfig(kubeconfig.toFile());
        config.setRequestTimeout(30_000);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** Creates the CRD unless it exists, and waits until it is established. */
    static void ensureCrd(KubernetesClient client) throws Exception {
        var crds = client.apiextensions().v1().customResourceDefinitions();
        if (crds.withName("kopfexamples.kopf.dev").get() == null) {
            try (InputStream yaml = Workload.class.getResourceAsStream("crd.yaml")) {
                crds.load(yaml).create();
            }
        }
        crds.withName("kopfexamples.kopf.dev").waitUntilCondition(Workload::isEstablished,
                60, TimeUnit.SECONDS);
    }

    private static boolean isEstablished(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream().anyMatch(condition ->
                        condition.getType().equals("Established")
                                && condition.getStatus().equals("True"));
    }

    static List<String> names(String prefix, int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(String.format("%s-%05d", prefix, i));
        }
        return names;
    }

    static GenericKubernetesResource object(String namespace, String name) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("kopf.dev/v1")
                .withKind("KopfExample")
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(namespace)
                    .withLabels(Map.of(LABEL, "true"))
                .endMetadata()
                .withAdditionalProperties(Map.of("spec",
                        Map.of("duration", "1m", "field", "value", "items", List.of("a", "b"))))
                .build();
    }

    static void create(KubernetesClient client, String namespace, String name) {
        client.genericKubernetesResources(KOPFEXAMPLES).inNamespace(namespace)
                .resource(object(namespace, name)).create();
    }

    /**
     * Creates the objects with {@code writers} concurrent writers.
     *
     * @return when each creation was sent, epoch microseconds, by name
     */
    static Map<String, Long> createAll(KubernetesClient client, String namespace,
            List<String> names, int writers) throws Exception {
        Map<String, Long> sent = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (String name : names) {
                futures.add(pool.submit(() -> {
                    sent.put(name, Clocks.nowMicros());
                    create(client, namespace, name);
                }));
            }
            for (Future<?> future : futures) {
                future.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        return sent;
    }

    /** Deletes every benchmark object of the namespace and waits until they are gone. */
    static void deleteAll(KubernetesClient client, String namespace, Duration timeout) {
        var objects = client.genericKubernetesResources(KOPFEXAMPLES).inNamespace(namespace)
                .withLabel(LABEL);
        if (client.apiextensions().v1().customResourceDefinitions()
                .withName("kopfexamples.kopf.dev").get() == null) {
            return;
        }
        objects.delete();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!objects.list().getItems().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Benchmark objects in " + namespace
                        + " are still there after " + timeout.toSeconds() + " s.");
            }
            sleep(500);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted.", e);
        }
    }
}
