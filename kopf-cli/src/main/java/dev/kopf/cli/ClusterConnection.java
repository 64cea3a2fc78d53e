package dev.kopf.cli;

import dev.kopf.internal.clients.Connections;
import dev.kopf.testing.EmbeddedKubernetes;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client that {@code kopf run} uses, and whatever it owns: a client it created, or the
 * embedded API server started by {@code --embedded}. Closing releases what is owned; a
 * client preset by KopfRunner stays open.
 */
final class ClusterConnection implements AutoCloseable {

    private static final Logger authLogger =
            LoggerFactory.getLogger("kopf.activities.authentication");
    private static final Logger logger = LoggerFactory.getLogger("kopf.cli");

    static final String KUBECONFIG_NAME = "kopf-embedded.kubeconfig";

    private final KubernetesClient client;
    private final boolean ownsClient;
    private final EmbeddedKubernetes embedded;
    private final Path temporaryKubeconfig;

    private ClusterConnection(KubernetesClient client, boolean ownsClient,
            EmbeddedKubernetes embedded, Path temporaryKubeconfig) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.embedded = embedded;
        this.temporaryKubeconfig = temporaryKubeconfig;
    }

    /**
     * Uses a client given by the caller, which stays open.
     *
     * @param client the client
     * @return the connection
     */
    static ClusterConnection preset(KubernetesClient client) {
        return new ClusterConnection(client, false, null, null);
    }

    /**
     * Connects to the cluster found in the environment, and says how, as Kopf does.
     *
     * @param environment where to look
     * @return the connection
     * @throws ConfigurationException when no cluster is configured
     */
    static ClusterConnection detect(Environment environment) {
        ClusterDetection.Found found = ClusterDetection.detect(environment)
                .orElseThrow(() -> new ConfigurationException(
                        ClusterDetection.notFound(environment)));
        Config config;
        if (environment.isProcess()) {
            config = Config.autoConfigure(null);
        } else if (found.source() == ClusterDetection.Source.KUBECONFIG) {
            config = Config.fromKubeconfig(found.kubeconfigs().get(0).toFile());
        } else {
            config = Config.autoConfigure(null);
        }
        KubernetesClient client = Connections.watchingOverHttp(config);
        if (found.source() == ClusterDetection.Source.KUBECONFIG) {
            authLogger.info("Client is configured via kubeconfig file.");
        } else {
            authLogger.info("Client is configured in cluster with a service account.");
        }
        return new ClusterConnection(client, true, null, null);
    }

    /**
     * Starts the embedded API server, writes a kubeconfig for it, and says how to use it.
     *
     * @param workingDirectory the kubeconfig goes to its {@code target/} when that exists,
     *     else to a temporary file, deleted on {@link #close()}
     * @return the connection, owning the server
     */
    static ClusterConnection embedded(Path workingDirectory) {
        EmbeddedKubernetes server = EmbeddedKubernetes.start();
        try {
            Path target = workingDirectory.resolve("target");
            boolean temporary = !Files.isDirectory(target);
            Path kubeconfig = server.writeKubeconfig(temporary
                    ? Files.createTempFile("kopf-embedded-", ".kubeconfig")
                    : target.resolve(KUBECONFIG_NAME).toAbsolutePath());
            logger.info("Embedded Kubernetes API server is running at {}. "
                    + "Use it with: kubectl --kubeconfig {} get <resource>",
                    server.url(), kubeconfig);
            return new ClusterConnection(Connections.watchingOverHttp(server.config()), true,
                    server,
                    temporary ? kubeconfig : null);
        } catch (IOException | UncheckedIOException e) {
            server.close();
            throw new ConfigurationException(
                    "Cannot write a kubeconfig for the embedded API server: " + e.getMessage(),
                    e);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Fails fast, with one line, when the cluster of a detected configuration does not
     * accept connections within the client's connect timeout; a given or embedded cluster
     * is not checked, nor one behind a proxy.
     *
     * @throws ConfigurationException naming the server and the cause
     */
    void checkReachable() {
        Config config = client.getConfiguration();
        if (!ownsClient || embedded != null || config.getHttpsProxy() != null
                || config.getHttpProxy() != null) {
            return;
        }
        ServerReachability.check(config.getMasterUrl(),
                Duration.ofMillis(config.getConnectionTimeout()));
    }

    KubernetesClient client() {
        return client;
    }

    boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        try {
            if (ownsClient) {
                client.close();
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
            if (temporaryKubeconfig != null) {
                try {
                    Files.deleteIfExists(temporaryKubeconfig);
                } catch (IOException e) {
                    logger.debug("Cannot delete {}: {}", temporaryKubeconfig, e.toString());
                }
            }
        }
    }
}
