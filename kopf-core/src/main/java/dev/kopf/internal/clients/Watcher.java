package dev.kopf.internal.clients;

import dev.kopf.Resource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.WatcherException;
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

    /**
     * What to watch.
     *
     * @param resource the resource
     * @param namespace the namespace, or {@code null} for the whole cluster
     * @param labelSelector a server-side label selector, or {@code null} for every object
     */
    public record Target(Resource resource, String namespace, String labelSelector) {
        @Override
        public String toString() {
            return resource + " " + (namespace == null ? "cluster-wide" : "in " + namespace)
                    + (labelSelector == null ? "" : " with labels " + labelSelector);
        }
    }

    /** Decides what a failing stream does next. */
    @FunctionalInterface
    public interface Failures {
        /** Retries everything, as for the operator's own resources. */
        Failures RETRY = (code, error) -> true;

        /**
         * Receives one failure of listing or watching.
         *
         * @param code the HTTP code, or 0 for network errors
         * @param error the failure
         * @return {@code true} to retry (with fabric8's backoff), {@code false} to end
         */
        boolean onFailure(int code, Throwable error);
    }

    private final SharedIndexInformer<GenericKubernetesResource> informer;
    private final CompletableFuture<Void> synced = new CompletableFuture<>();
    private final Target target;

    private Watcher(KubernetesClient client, Target target, Listener listener,
            Failures failures) {
        this.target = target;
        Resource resource = target.resource();
        String namespace = target.namespace();
        var all = client.genericKubernetesResources(Resources.context(resource));
        var scoped = namespace == null || !resource.namespaced()
                ? all.inAnyNamespace() : all.inNamespace(namespace);
        informer = (target.labelSelector() == null ? scoped
                : scoped.withLabelSelector(target.labelSelector())).runnableInformer(0);
        informer.addEventHandler(new ResourceEventHandler<GenericKubernetesResource>() {
            @Override
            public void onAdd(GenericKubernetesResource obj) {
                listener.onEvent(synced.isDone() ? "ADDED" : null, Resources.toMap(client, obj));
            }

            @Override
            public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource obj) {
                listener.onEvent("MODIFIED", Resources.toMap(client, obj));
            }

            @Override
            public void onDelete(GenericKubernetesResource obj, boolean unknownFinalState) {
                listener.onEvent("DELETED", Resources.toMap(client, obj));
            }
        });
        informer.exceptionHandler((started, error) -> {
            if (!failures.onFailure(code(error), error)) {
                return false;
            }
            // Keep retrying: RBAC may be granted later, and the API may come back.
            logger.warn("Watching {} in {} failed and will be retried: {}", resource,
                    namespace == null ? "the cluster" : namespace, error.toString());
            return true;
        });
    }

    private static int code(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof KubernetesClientException client && client.getCode() > 0) {
                return client.getCode();
            }
            if (cause instanceof WatcherException watcher) {
                KubernetesClientException client = watcher.asClientException();
                if (client.getCode() > 0) {
                    return client.getCode();
                }
            }
        }
        return 0;
    }

    /**
     * Starts watching.
     *
     * @param client the client
     * @param resource the resource
     * @param namespace the namespace, or {@code null} for the whole cluster
     * @param listener receives events on the informer's thread
     * @return the running watcher
     */
    public static Watcher start(KubernetesClient client, Resource resource, String namespace,
            Listener listener) {
        return start(client, new Target(resource, namespace, null), listener, Failures.RETRY);
    }

    /**
     * Starts watching, with a label selector and a say in what failures do.
     *
     * @param client the client
     * @param target what to watch
     * @param listener receives events on the informer's thread
     * @param failures decides whether a failure is retried
     * @return the running watcher
     */
    public static Watcher start(KubernetesClient client, Target target, Listener listener,
            Failures failures) {
        Watcher watcher = new Watcher(client, target, listener, failures);
        logger.debug("Starting the watch-stream for {}.", target);
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

    /**
     * Returns what this stream watches.
     *
     * @return the target
     */
    public Target target() {
        return target;
    }

    @Override
    public void close() {
        logger.debug("Stopping the watch-stream for {}.", target);
        informer.stop();
    }
}
