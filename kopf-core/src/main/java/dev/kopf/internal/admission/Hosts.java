package dev.kopf.internal.admission;

import dev.kopf.WebhookServer;
import dev.kopf.internal.clients.WebhookConfigurationsClient;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the host name in the webhooks' URL: the given one, the preset's, one guessed from
 * the cluster's nodes (Kopf's {@code ClusterDetector}, which reads the API's certificate
 * instead), or the listening address.
 */
final class Hosts {

    private static final Logger logger = LoggerFactory.getLogger(Hosts.class);

    private Hosts() {
    }

    static String choose(WebhookServer settings, WebhookConfigurationsClient client) {
        if (settings.host() != null) {
            return settings.host();
        }
        if (settings.preset() == WebhookServer.Preset.AUTO) {
            String guessed = null;
            try {
                guessed = guess(client.describeNodes());
            } catch (RuntimeException e) {
                logger.debug("Cannot read the nodes to detect the cluster: {}", e.getMessage());
            }
            if (guessed != null) {
                logger.debug("Cluster detection found the hostname: {}", guessed);
                return guessed;
            }
            logger.debug("Cluster detection failed, running a simple local server.");
        } else if (settings.preset().host() != null) {
            return settings.preset().host();
        }
        return ClientConfigs.accessible(settings.address());
    }

    /** Tells the local cluster from its nodes' names, labels and kubelet versions. */
    static String guess(List<String> nodes) {
        for (String node : nodes) {
            if (node.contains("+k3s") || node.contains("k3s.io/")) {
                return WebhookServer.Preset.K3D.host();
            }
            if (node.contains("minikube.k8s.io/")) {
                return WebhookServer.Preset.MINIKUBE.host();
            }
            if (node.startsWith("docker-desktop ")) {
                return WebhookServer.Preset.DOCKER_DESKTOP.host();
            }
        }
        return null;
    }
}
