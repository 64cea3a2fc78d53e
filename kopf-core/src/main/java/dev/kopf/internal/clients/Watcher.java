package dev.kopf.internal.clients;

import dev.kopf.Resource;
import dev.kopf.internal.metrics.Meters;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch stream of one resource, in one namespace or cluster-wide.
 *
 * <p>Built on a fabric8 informer, which lists, watches from the listed resourceVersion,
 * reconnects, and re-lists after 410 Gone. Its callbacks run on fabric8's threads: the
 * listener must only enqueue, never run user code.
 */
public final class Watcher implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger("kopf.clients.watching");

    /** Receives raw events. */
    @FunctionalInterface
    public interface Listener {
        /**
         * Receives one event.
         *
         * @param type {@code null} for the initial listing, else {@code ADDED},
         *     {@code MODIFIED}, {@code DELETED}
         * @param body the object
         */
        void onEvent(String type, Map<String, Object> body);
    }

    private final SharedIndexInformer<GenericKubernetesResource> informer;
    private final CompletableFuture<Void> synced = new CompletableFuture<>();

    private Watcher(KubernetesClient client, Resource resource, String namespace,
            Listener listener, Meters meters) {
        var all = client.genericKubernetesResources(Resources.context(resource));
        var scoped = namespace == null || !resource.namespaced()
                ? all.inAnyNamespace() : all.inNamespace(namespace);
        informer = scoped.runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<GenericKubernetesResource>() {
            @Override
            public void onAdd(GenericKubernetesResource obj) {
                String type = synced.isDone() ? "ADDED" : null;
                meters.watchEvent(resource.name(), type);
                listener.onEvent(type, Resources.toMap(client, obj));
            }

            @Override
            public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource obj) {
                meters.watchEvent(resource.name(), "MODIFIED");
                listener.onEvent("MODIFIED", Resources.toMap(client, obj));
            }

            @Override
            public void onDelete(GenericKubernetesResource obj, boolean unknownFinalState) {
                meters.watchEvent(resource.name(), "DELETED");
                listener.onEvent("DELETED", Resources.toMap(client, obj));
            }
        });
        informer.exceptionHandler((started, error) -> {
            // Keep retrying: RBAC may be granted later, and the API may come back.
            logger.warn("Watching {} in {} failed and will be retried: {}", resource,
                    namespace == null ? "the cluster" : namespace, error.toString());
            return true;
        });
    }

    /**
     * Starts watching.
     *
     * @param client the client
     * @param resource the resource
     * @param namespace the namespace, or {@code null} for the whole cluster
     * @param listener receives events on the informer's thread
     * @param meters where the events are counted
     * @return the running watcher
     */
    public static Watcher start(KubernetesClient client, Resource resource, String namespace,
            Listener listener, Meters meters) {
        Watcher watcher = new Watcher(client, resource, namespace, listener, meters);
        logger.debug("Starting the watch-stream for {} {}.", resource,
                namespace == null ? "cluster-wide" : "in " + namespace);
        watcher.informer.start().whenComplete((ok, error) -> {
            if (error != null) {
                watcher.synced.completeExceptionally(error);
            } else {
                watcher.synced.complete(null);
            }
        });
        return watcher;
    }

    /**
     * Completes once the initial listing has been delivered.
     *
     * @return a stage completing on the first sync
     */
    public CompletionStage<Void> synced() {
        return synced;
    }

    /**
     * Returns the uids of the objects the stream knows now: after {@link #synced()}, at least
     * those of the initial listing.
     *
     * @return the uids (or {@code namespace/name} for objects without one)
     */
    public List<String> listedUids() {
        return informer.getStore().list().stream().map(object -> {
            var meta = object.getMetadata();
            return meta.getUid() != null ? meta.getUid()
                    : meta.getNamespace() + "/" + meta.getName();
        }).toList();
    }

    /**
     * Tells whether the watch stream is connected.
     *
     * @return {@code true} while watching
     */
    public boolean isWatching() {
        return informer.isWatching();
    }

    @Override
    public void close() {
        informer.stop();
    }
}
