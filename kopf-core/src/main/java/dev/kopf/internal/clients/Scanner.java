package dev.kopf.internal.clients;

import dev.kopf.Resource;
import dev.kopf.internal.concurrent.Threads;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the resources the API server serves, as Kopf's cluster scanning does: every group's
 * versions in preference order, each with its plural, kind, scope and subresources.
 */
public final class Scanner {

    private static final Logger logger = LoggerFactory.getLogger("kopf.clients.scanning");

    private Scanner() {
    }

    /** Group versions asked for at once: Kopf gathers them all; a bound spares the server. */
    private static final int IN_FLIGHT = 8;

    /**
     * Returns the served resources; each group's preferred version comes first.
     *
     * <p>The group versions are asked for in parallel, as Kopf gathers them: on a real
     * cluster there are dozens, and one after another they cost as many round trips before
     * the first LIST. The result keeps the discovery order.
     *
     * @param client the client
     * @return resources in discovery order; subresources are folded into their parents
     */
    public static List<Resource> scan(KubernetesClient client) {
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT,
                Threads.daemons("kopf-scanning"));
        try {
            List<Future<List<Resource>>> parts = new ArrayList<>();
            parts.add(pool.submit(() -> resourcesOf(client, "", "v1", "api/v1")));
            for (APIGroup group : client.getApiGroups().getGroups()) {
                for (String version : versionsOf(group)) {
                    parts.add(pool.submit(() -> resourcesOf(client, group.getName(), version,
                            "apis/" + group.getName() + "/" + version)));
                }
            }
            List<Resource> found = new ArrayList<>();
            for (Future<List<Resource>> part : parts) {
                found.addAll(part.get());
            }
            return found;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("The cluster scan was interrupted.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> versionsOf(APIGroup group) {
        List<String> versions = new ArrayList<>();
        GroupVersionForDiscovery preferred = group.getPreferredVersion();
        if (preferred != null) {
            versions.add(preferred.getVersion());
        }
        for (GroupVersionForDiscovery version : group.getVersions()) {
            if (!versions.contains(version.getVersion())) {
                versions.add(version.getVersion());
            }
        }
        return versions;
    }

    /**
     * Lists the names of the cluster's namespaces.
     *
     * @param client the client
     * @return namespace names
     */
    public static List<String> namespaces(KubernetesClient client) {
        try {
            return client.namespaces().list().getItems().stream()
                    .map(ns -> ns.getMetadata().getName()).toList();
        } catch (KubernetesClientException e) {
            throw ApiException.from(e);
        }
    }

    private static List<Resource> resourcesOf(KubernetesClient client, String group,
            String version, String path) {
        APIResourceList list;
        try {
            list = client.getApiResources(group.isEmpty() ? version : group + "/" + version);
        } catch (KubernetesClientException e) {
            // An unhealthy aggregated API (e.g. metrics) must not block the operator.
            logger.warn("Cannot scan {}: {}", path, e.getMessage());
            return List.of();
        }
        if (list == null) {
            return List.of();
        }
        Map<String, List<String>> subresources = new LinkedHashMap<>();
        Map<String, APIResource> mains = new LinkedHashMap<>();
        for (APIResource api : list.getResources()) {
            String name = api.getName();
            int slash = name.indexOf('/');
            if (slash >= 0) {
                subresources.computeIfAbsent(name.substring(0, slash), k -> new ArrayList<>())
                        .add(name.substring(slash + 1));
            } else {
                mains.put(name, api);
            }
        }
        List<Resource> result = new ArrayList<>();
        mains.forEach((plural, api) -> result.add(new Resource(group, version, plural,
                api.getKind(), Boolean.TRUE.equals(api.getNamespaced()), api.getShortNames(),
                subresources.getOrDefault(plural, List.of()))));
        return result;
    }
}
