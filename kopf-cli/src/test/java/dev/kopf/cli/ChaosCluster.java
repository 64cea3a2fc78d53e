package dev.kopf.cli;

import dev.kopf.testing.EmbeddedKubernetes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The cluster of one process chaos test: the embedded API server by default, or the cluster
 * in {@code KUBECONFIG} when {@code -Pe2e} sets {@code kopf.test.cluster=kubeconfig}. Either
 * way the test gets a namespace of its own (deleted at the end) and the KopfExample CRD
 * (created or updated, and established), so runs on one real cluster never meet each other's
 * objects.
 */
final class ChaosCluster implements AutoCloseable {
    private final EmbeddedKubernetes server;
    private final KubernetesClient client;
    private final Path kubeconfig;
    private final String namespace;

    private ChaosCluster(EmbeddedKubernetes server, KubernetesClient client, Path kubeconfig,
            String namespace) {
        this.server = server;
        this.client = client;
        this.kubeconfig = kubeconfig;
        this.namespace = namespace;
    }

    /** Opens the cluster; the embedded server's kubeconfig is written into {@code temp}. */
    static ChaosCluster open(Path temp, String prefix) throws IOException {
        EmbeddedKubernetes server = null;
        KubernetesClient client;
        Path kubeconfig;
        if ("kubeconfig".equals(System.getProperty("kopf.test.cluster", "embedded"))) {
            client = new KubernetesClientBuilder().build();
            kubeconfig = realKubeconfig();
        } else {
            server = EmbeddedKubernetes.start();
            client = server.newClient();
            kubeconfig = server.writeKubeconfig(temp.resolve("kubeconfig"));
        }
        String namespace = prefix + "-" + ProcessHandle.current().pid() + "-"
                + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        ChaosCluster cluster = new ChaosCluster(server, client, kubeconfig, namespace);
        try {
            cluster.prepare();
            System.out.println("Chaos test on the " + cluster + ".");
        } catch (RuntimeException | IOException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private static Path realKubeconfig() {
        String env = System.getenv("KUBECONFIG");
        if (env != null && !env.isBlank()) {
            // The first file of a list, as the operator process will read the same variable.
            return Path.of(env.split(java.io.File.pathSeparator)[0]);
        }
        return Path.of(System.getProperty("user.home"), ".kube", "config");
    }

    private void prepare() throws IOException {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
                .withName(namespace).endMetadata().build()).create();
        try (InputStream crd = Files.newInputStream(Path.of(Resources.crd()))) {
            client.resource(crd).createOr(existing -> existing.update());
        }
        client.apiextensions().v1().customResourceDefinitions()
                .withName("kopfexamples.kopf.dev")
                .waitUntilCondition(crd -> crd != null && crd.getStatus() != null
                        && crd.getStatus().getConditions() != null
                        && crd.getStatus().getConditions().stream().anyMatch(condition ->
                                "Established".equals(condition.getType())
                                        && "True".equals(condition.getStatus())),
                        ChaosObjects.WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    KubernetesClient client() {
        return client;
    }

    /** The kubeconfig the operator processes get in {@code KUBECONFIG}. */
    Path kubeconfig() {
        return kubeconfig;
    }

    /** The test's own namespace, where its objects live and its operators serve. */
    String namespace() {
        return namespace;
    }

    /** Deletes the namespace (the CRD stays: other runs may use it), then closes. */
    @Override
    public void close() {
        try {
            client.namespaces().withName(namespace).delete();
        } finally {
            client.close();
            if (server != null) {
                server.close();
            }
        }
    }

    @Override
    public String toString() {
        return (server == null ? "cluster " + client.getConfiguration().getMasterUrl()
                : "embedded server " + server.url()) + ", namespace " + namespace;
    }
}
