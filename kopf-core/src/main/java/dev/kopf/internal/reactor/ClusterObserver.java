package dev.kopf.internal.reactor;

import dev.kopf.Resource;
import dev.kopf.internal.clients.Scanner;
import dev.kopf.internal.clients.WatchOptions;
import dev.kopf.internal.clients.Watcher;
import dev.kopf.internal.concurrent.Threads;
import dev.kopf.internal.intents.OperatorRegistry;
import dev.kopf.internal.intents.Selector;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps track of what the cluster serves, as Kopf's {@code observation.py}: the resources of
 * the handlers (re-scanned whenever a CRD changes, or a stream gets 404) and the namespaces
 * that match the {@code -n} globs (followed by watching namespaces).
 *
 * <p>Owned by the {@link Orchestrator}, told of each revision through a callback on its own
 * single thread, so that revisions never overlap. Without permission to watch CRDs or to list
 * namespaces it says so once and works with what it has; a 403 is never retried.
 */
final class ClusterObserver implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger("kopf.reactor.observation");

    static final Resource CRDS = new Resource("apiextensions.k8s.io", "v1",
            "customresourcedefinitions", "CustomResourceDefinition", false,
            List.of("crd", "crds"), List.of("status"));
    static final Resource NAMESPACES = new Resource("", "v1", "namespaces", "Namespace", false,
            List.of("ns"), List.of("status", "finalize"));

    private final KubernetesClient client;
    private final OperatorRegistry registry;
    /** The {@code -n} patterns, or {@code null} when serving the whole cluster. */
    private final NamespacePatterns patterns;
    private final WatchOptions options;
    private final ExecutorService revisions =
            Executors.newSingleThreadExecutor(Threads.daemons("kopf-observer"));
    private final Set<String> namespaces = Collections.synchronizedSet(new LinkedHashSet<>());
    private volatile List<Resource> resources = List.of();
    /** Everything the cluster serves, as last discovered (peering looks for its CRD in it). */
    private volatile List<Resource> served = List.of();
    private volatile String unresolved = "";
    private volatile Runnable onRevised = () -> { };
    private Watcher crdWatcher;
    private Watcher namespaceWatcher;

    ClusterObserver(KubernetesClient client, OperatorRegistry registry,
            NamespacePatterns patterns, WatchOptions options) {
        this.client = client;
        this.options = options;
        this.registry = registry;
        this.patterns = patterns;
    }

    /**
     * Scans the resources and namespaces, then follows their changes. Blocks until the
     * namespaces are listed (when globs need a listing).
     *
     * @param revised called on the observer's thread after every later revision
     * @param stopped tells whether the operator stops meanwhile
     */
    void start(Runnable revised, BooleanSupplier stopped) {
        onRevised = revised;
        // Watched before the scan, so that no CRD created in between is missed; its initial
        // listing is ignored, as the scan covers it.
        crdWatcher = Watcher.start(client, new Watcher.Target(CRDS, null, null), options,
                this::onCrdEvent, (code, error) -> onObserverFailure(code,
                        "Not enough permissions to watch for resources: changes (creation/"
                        + "deletion/updates) will not be noticed; the resources are only "
                        + "refreshed on operator restarts."));
        served = Scanner.scan(client);
        resources = select(served);
        startNamespaces(stopped);
    }

    private void startNamespaces(BooleanSupplier stopped) {
        if (patterns == null) {
            namespaces.add(null);
            return;
        }
        if (patterns.isLiteral()) {
            // Plain names need no listing (nor the permission for it): watching a namespace
            // that does not exist yet is allowed, and its objects arrive once it does.
            namespaces.addAll(patterns.literals());
            return;
        }
        CompletableFuture<Void> forbidden = new CompletableFuture<>();
        java.util.concurrent.atomic.AtomicBoolean started =
                new java.util.concurrent.atomic.AtomicBoolean();
        namespaceWatcher = Watcher.start(client, new Watcher.Target(NAMESPACES, null, null),
                options,
                this::onNamespaceEvent, (code, error) -> {
                    if (code == 403 && !started.get()) {
                        forbidden.complete(null);
                        return false;
                    }
                    return onObserverFailure(code, "Not enough permissions to watch for "
                            + "namespaces: changes (deletion/creation) will not be noticed; "
                            + "the namespaces are only refreshed on operator restarts.");
                });
        CompletableFuture<Object> listed = CompletableFuture.anyOf(
                namespaceWatcher.synced().toCompletableFuture(), forbidden);
        while (!stopped.getAsBoolean()) {
            try {
                listed.get(100, TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException e) {
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                forbidden.complete(null);
                break;
            }
        }
        started.set(true);
        if (forbidden.isDone()) {
            List<String> specific = patterns.specific();
            logger.warn("Not enough permissions to list namespaces. Falling back to a list of "
                    + "namespaces which are assumed to exist: {}", specific);
            namespaces.addAll(specific);
        } else {
            logger.debug("Serving the namespaces {}.", namespaces);
        }
    }

    // Kopf's wording, once: the observer ends rather than retrying a 403 in a loop.
    private boolean onObserverFailure(int code, String forbiddenMessage) {
        if (code == 403) {
            logger.warn(forbiddenMessage);
            return false;
        }
        return true;
    }

    private void onCrdEvent(String type, Map<String, Object> body) {
        if (type == null) {
            return;
        }
        Object spec = body.get("spec");
        Object group = spec instanceof Map<?, ?> map ? map.get("group") : null;
        boolean relevant = registry.selectors().stream()
                .anyMatch(selector -> selector.group() == null
                        || Objects.equals(selector.group(), group));
        if (relevant) {
            rescan();
        }
    }

    private void onNamespaceEvent(String type, Map<String, Object> body) {
        Object meta = body.get("metadata");
        Object name = meta instanceof Map<?, ?> map ? map.get("name") : null;
        if (name == null) {
            return;
        }
        String namespace = name.toString();
        boolean changed;
        if ("DELETED".equals(type)) {
            changed = namespaces.remove(namespace);
            if (changed) {
                logger.info("Namespace '{}' is deleted; its watch-streams are stopped.",
                        namespace);
            }
        } else if (patterns.matches(namespace) && !namespaces.contains(namespace)) {
            // A terminating namespace stays until it is gone: its objects' deletions are
            // still to be seen. A new one matching the globs is served from now on.
            changed = namespaces.add(namespace);
            if (changed && type != null) {
                logger.info("Namespace '{}' is created; serving it.", namespace);
            }
        } else {
            changed = false;
        }
        if (changed && type != null) {
            revise(() -> { });
        }
    }

    /** Re-reads discovery soon, e.g. after a stream got 404; revisions never overlap. */
    void rescan() {
        revise(() -> {
            served = Scanner.scan(client);
            resources = select(served);
        });
    }

    private void revise(Runnable change) {
        try {
            revisions.execute(() -> {
                try {
                    change.run();
                    onRevised.run();
                } catch (RuntimeException e) {
                    logger.warn("Cannot revise the served resources: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            logger.debug("Not revising: the operator is stopping.");
        }
    }

    /** Everything the cluster served at the last discovery. */
    List<Resource> served() {
        return served;
    }

    /** The resources served now, to be watched. */
    List<Resource> resources() {
        return resources;
    }

    /** The namespaces served now; a {@code null} element for the whole cluster. */
    List<String> namespaces() {
        synchronized (namespaces) {
            return new ArrayList<>(namespaces);
        }
    }

    // Kopf's revise_resources: one resource per selector; warn of the unresolved once.
    private List<Resource> select(List<Resource> served) {
        Set<Resource> selected = new LinkedHashSet<>();
        Map<Selector, List<Resource>> ambiguous = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Selector selector : registry.selectors()) {
            List<Resource> candidates = selector.candidates(served);
            if (candidates.size() > 1) {
                ambiguous.put(selector, candidates);
            } else if (candidates.isEmpty()) {
                missing.add(selector.toString());
            } else {
                selected.addAll(candidates);
            }
        }
        ambiguous.forEach((selector, candidates) -> logger.warn("Ambiguous resources will not "
                + "be served (try specifying API groups): {} => {}", selector, candidates));
        String names = String.join(", ", missing);
        if (!names.isEmpty() && !names.equals(unresolved)) {
            logger.warn("Unresolved resources cannot be served (try creating their CRDs): {}",
                    names);
        }
        unresolved = names;
        return List.copyOf(selected);
    }

    @Override
    public void close() {
        revisions.shutdownNow();
        if (crdWatcher != null) {
            crdWatcher.close();
        }
        if (namespaceWatcher != null) {
            namespaceWatcher.close();
        }
    }
}
