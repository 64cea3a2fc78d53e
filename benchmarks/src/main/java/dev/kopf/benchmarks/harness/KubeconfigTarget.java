package dev.kopf.benchmarks.harness;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real cluster from a kubeconfig. Its API server's requests cannot be counted from here, so
 * writes, start-up to the first list and the drain rate from the first list are not
 * measured; time from process start is. Between runs the benchmark's objects are deleted.
 */
final class KubeconfigTarget implements Target {
    private final Path kubeconfig;
    private final String namespace;

    KubeconfigTarget(Path kubeconfig, String namespace) {
        this.kubeconfig = kubeconfig;
        this.namespace = namespace;
    }

    @Override
    public void reset() {
        try (KubernetesClient client = Workload.client(kubeconfig)) {
            Workload.deleteAll(client, namespace, Duration.ofMinutes(3));
        }
    }

    @Override
    public Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public boolean countsCalls() {
        return false;
    }

    @Override
    public ServerCalls calls() {
        return null;
    }

    @Override
    public void clearCalls() {
        // Nothing is counted.
    }

    @Override
    public String description() {
        return "cluster of " + kubeconfig;
    }

    @Override
    public void close() {
        // The cluster is not ours to stop.
    }
}
