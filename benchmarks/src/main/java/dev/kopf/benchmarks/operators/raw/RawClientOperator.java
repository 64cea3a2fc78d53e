package dev.kopf.benchmarks.operators.raw;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The raw-client floor: a plain fabric8 informer and 16 worker threads, one JSON merge patch
 * of {@code /status} per object that has no {@code status.createFn} yet. No framework: no
 * per-object queue, no progress, no retries, no diff bookkeeping. Args: the namespace.
 */
public final class RawClientOperator {
    static final int WORKERS = 16;
    private static final String PATCH = "{\"status\":{\"createFn\":{\"message\":\"hello world\"}}}";
    private static final ResourceDefinitionContext KOPFEXAMPLES =
            new ResourceDefinitionContext.Builder()
                    .withGroup("kopf.dev").withVersion("v1").withKind("KopfExample")
                    .withPlural("kopfexamples").withNamespaced(true).build();

    private RawClientOperator() {
    }

    public static void main(String[] args) throws InterruptedException {
        String namespace = args.length > 0 ? args[0] : "default";
        KubernetesClient client = new KubernetesClientBuilder().build();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
        var resources = client.genericKubernetesResources(KOPFEXAMPLES).inNamespace(namespace);
        resources.inform(new ResourceEventHandler<GenericKubernetesResource>() {
            @Override
            public void onAdd(GenericKubernetesResource obj) {
                handle(obj);
            }

            @Override
            public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource obj) {
                handle(obj);
            }

            @Override
            public void onDelete(GenericKubernetesResource obj, boolean unknownFinalState) {
            }

            private void handle(GenericKubernetesResource obj) {
                Object status = obj.getAdditionalProperties().get("status");
                if (status instanceof Map<?, ?> map && map.containsKey("createFn")) {
                    return;
                }
                String name = obj.getMetadata().getName();
                workers.execute(() -> resources.withName(name).subresource("status")
                        .patch(PatchContext.of(PatchType.JSON_MERGE), PATCH));
            }
        }, 0);
        new CountDownLatch(1).await();
    }
}
