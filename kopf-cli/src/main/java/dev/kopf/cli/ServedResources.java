package dev.kopf.cli;

import dev.kopf.Resource;
import dev.kopf.internal.clients.Scanner;
import dev.kopf.testing.EmbeddedKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;

/**
 * The resources an API server serves, found by the runtime's own discovery, so that
 * {@code kopf manifests} resolves the handlers' resources exactly as {@code kopf run} will:
 * an embedded API server's built-in resources plus the CRDs of the given files.
 */
final class ServedResources {

    private ServedResources() {
    }

    /**
     * Discovers the resources served once the files' objects are applied.
     *
     * @param files YAML files with the CRDs of the handled custom resources
     * @return the served resources, in discovery order
     */
    static List<Resource> discover(List<Path> files) {
        try (EmbeddedKubernetes server = EmbeddedKubernetes.start();
                KubernetesClient client = server.newClient()) {
            Manifests.apply(client, files);
            return Scanner.scan(client);
        }
    }
}
