package dev.kopf.cli;

import static org.assertj.core.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The process chaos tests' objects in the test's namespace, judged only by what a user sees:
 * which handlers' successes the status holds, and whether progress records remain.
 */
final class ChaosObjects {
    static final List<String> HANDLERS = List.of("first", "second", "third");
    static final Duration WAIT = Duration.ofSeconds(120);
    private static final ResourceDefinitionContext EXAMPLES = new ResourceDefinitionContext
            .Builder().withGroup("kopf.dev").withVersion("v1").withPlural("kopfexamples")
            .withKind("KopfExample").withNamespaced(true).build();

    private final KubernetesClient client;
    private final String namespace;

    ChaosObjects(ChaosCluster cluster) {
        this.client = cluster.client();
        this.namespace = cluster.namespace();
    }

    void create(String prefix, int count) {
        for (int i = 0; i < count; i++) {
            GenericKubernetesResource object = new GenericKubernetesResource();
            object.setApiVersion("kopf.dev/v1");
            object.setKind("KopfExample");
            object.setMetadata(new ObjectMetaBuilder().withName(String.format("%s-%03d",
                    prefix, i)).withNamespace(namespace).build());
            object.setAdditionalProperty("spec", Map.of("index", i));
            client.genericKubernetesResources(EXAMPLES).inNamespace(namespace).resource(object)
                    .create();
        }
    }

    List<GenericKubernetesResource> list() {
        return client.genericKubernetesResources(EXAMPLES).inNamespace(namespace).list()
                .getItems();
    }

    /** The (name/handler) pairs whose success the objects' status holds now. */
    Set<String> storedSuccesses() {
        Set<String> stored = new HashSet<>();
        for (GenericKubernetesResource object : list()) {
            Map<?, ?> status = status(object);
            Map<?, ?> progress = progress(status);
            for (String handler : HANDLERS) {
                boolean result = status.get(handler) != null;
                boolean succeeded = progress.get(handler) instanceof Map<?, ?> record
                        && Boolean.TRUE.equals(record.get("success"));
                if (result || succeeded) {
                    stored.add(object.getMetadata().getName() + "/" + handler);
                }
            }
        }
        return stored;
    }

    /** Whether every object holds all three results and no progress records. */
    boolean allDone() {
        return list().stream().allMatch(ChaosObjects::isDone);
    }

    static boolean isDone(GenericKubernetesResource object) {
        Map<?, ?> status = status(object);
        return HANDLERS.stream().allMatch(h -> status.get(h) != null)
                && progress(status).isEmpty();
    }

    static Map<?, ?> status(GenericKubernetesResource object) {
        return object.getAdditionalProperties().get("status") instanceof Map<?, ?> status
                ? status : Map.of();
    }

    static Map<?, ?> progress(Map<?, ?> status) {
        return status.get("kopf") instanceof Map<?, ?> kopf
                && kopf.get("progress") instanceof Map<?, ?> progress ? progress : Map.of();
    }

    /** Polls a condition (the records file, the objects) until it holds. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out waiting for " + what + ".");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
