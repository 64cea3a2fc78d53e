package dev.kopf.benchmarks.harness;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The harness's own watch of the benchmark's objects: an informer that hands every added or
 * changed object to a consumer (deletions are not needed), started and open before the
 * constructor of its user returns.
 */
final class ExampleWatch {
    private ExampleWatch() {
    }

    /**
     * Starts the informer and returns once the initial list is in and the watch is open.
     *
     * @param client the harness's client
     * @param namespace the benchmark's namespace
     * @param seen gets each added or changed object, on the informer's thread
     * @param listTimeoutSeconds how long the initial list may take
     * @return the running informer; the caller closes it
     */
    static SharedIndexInformer<GenericKubernetesResource> start(KubernetesClient client,
            String namespace, Consumer<GenericKubernetesResource> seen, int listTimeoutSeconds)
            throws Exception {
        SharedIndexInformer<GenericKubernetesResource> informer = client
                .genericKubernetesResources(Workload.KOPFEXAMPLES).inNamespace(namespace)
                .runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<GenericKubernetesResource>() {
            @Override
            public void onAdd(GenericKubernetesResource obj) {
                seen.accept(obj);
            }

            @Override
            public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource obj) {
                seen.accept(obj);
            }

            @Override
            public void onDelete(GenericKubernetesResource obj, boolean unknown) {
            }
        });
        informer.start().toCompletableFuture().get(listTimeoutSeconds, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!informer.isWatching() && System.nanoTime() < deadline) {
            Thread.sleep(10); // Bounded: the watch opens right after the list.
        }
        return informer;
    }
}
