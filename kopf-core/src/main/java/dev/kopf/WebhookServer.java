package dev.kopf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where and how admission webhooks are served, as Kopf's {@code WebhookServer} and its
 * presets: an HTTPS endpoint of the operator's own, set in an {@link OnStartup} handler with
 * {@code settings.admission(a -> a.server(WebhookServer.local().withPort(9443)))}.
 *
 * <p>With a certificate and key file (PEM), those are served and re-read when they change on
 * disk (every {@code fileCheckInterval}), so that cert-manager rotations need no restart.
 * Without them, a CA and a server certificate for the host, the address and the extra SANs
 * are generated at start-up, and the CA goes into the webhooks' {@code caBundle}.
 *
 * @param address the address to listen on, e.g. {@code 0.0.0.0}; {@code null} for localhost
 * @param port the port to listen on; 0 for a free one
 * @param path the root path of the webhook URLs, e.g. {@code /admission}; {@code null} for none
 * @param host the host name the API server uses to reach the webhooks; {@code null} for the
 *     preset's or the address
 * @param certFile the server certificate (PEM, with its chain), or {@code null} to generate one
 * @param keyFile the server certificate's private key (PEM), or {@code null}
 * @param caFile the CA bundle (PEM) for the webhooks' {@code caBundle}; {@code null} for the
 *     generated CA, or the certificate file itself
 * @param extraSans further names and IP addresses for the generated certificate
 * @param fileCheckInterval how often certificate files are checked for changes
 * @param preset the local cluster whose well-known host name is used
 * @param service the in-cluster Service that routes to this server, or {@code null} to use
 *     a URL
 * @since 0.1
 */
public record WebhookServer(String address, int port, String path, String host, Path certFile,
        Path keyFile, Path caFile, List<String> extraSans, Duration fileCheckInterval,
        Preset preset, ServiceReference service) {

    /** Validates and fills the defaults. */
    public WebhookServer {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Webhook port must be 0..65535: " + port + ".");
        }
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("Webhook certFile and keyFile go together:"
                    + " give both or neither.");
        }
        extraSans = extraSans == null ? List.of() : List.copyOf(extraSans);
        fileCheckInterval = fileCheckInterval == null ? Duration.ofSeconds(60)
                : fileCheckInterval;
        preset = preset == null ? Preset.NONE : preset;
    }

    /** The local clusters whose host name for the developer's machine is known, as Kopf's. */
    public enum Preset {
        /** No preset: the host, or else the address. */
        NONE(null),
        /** k3d and k3s: {@code host.k3d.internal} (Kopf's {@code WebhookK3dServer}). */
        K3D("host.k3d.internal"),
        /** minikube: {@code host.minikube.internal}. */
        MINIKUBE("host.minikube.internal"),
        /** Docker Desktop: {@code host.docker.internal}. */
        DOCKER_DESKTOP("host.docker.internal"),
        /** One of the above, guessed from the cluster's nodes at start-up; else none. */
        AUTO(null);

        private final String host;

        Preset(String host) {
            this.host = host;
        }

        /**
         * Returns the preset's host name.
         *
         * @return e.g. {@code host.k3d.internal}, or {@code null}
         */
        public String host() {
            return host;
        }
    }

    /**
     * A Service in the cluster that routes to the webhook server (when the operator runs in
     * the cluster); the webhooks' client config names it instead of a URL.
     *
     * @param namespace the Service's namespace
     * @param name the Service's name
     * @param port the Service's port, e.g. 443
     */
    public record ServiceReference(String namespace, String name, int port) {
    }

    /**
     * A server on localhost with a free port and a generated certificate.
     *
     * @return the server settings
     */
    public static WebhookServer local() {
        return new WebhookServer(null, 0, null, null, null, null, null, null, null, null, null);
    }

    /**
     * A server reachable from k3d/k3s clusters as {@code host.k3d.internal}.
     *
     * @return the server settings, listening on all interfaces
     */
    public static WebhookServer k3d() {
        return local().withAddress("0.0.0.0").withPreset(Preset.K3D);
    }

    /**
     * A server reachable from minikube as {@code host.minikube.internal}.
     *
     * @return the server settings, listening on all interfaces
     */
    public static WebhookServer minikube() {
        return local().withAddress("0.0.0.0").withPreset(Preset.MINIKUBE);
    }

    /**
     * A server reachable from Docker Desktop's cluster as {@code host.docker.internal}.
     *
     * @return the server settings, listening on all interfaces
     */
    public static WebhookServer dockerDesktop() {
        return local().withAddress("0.0.0.0").withPreset(Preset.DOCKER_DESKTOP);
    }

    /**
     * A server whose host name is guessed from the cluster's nodes: k3d, minikube or Docker
     * Desktop; otherwise the address is used (Kopf's {@code WebhookAutoServer}).
     *
     * @return the server settings, listening on all interfaces
     */
    public static WebhookServer auto() {
        return local().withAddress("0.0.0.0").withPreset(Preset.AUTO);
    }

    /**
     * A server inside the cluster, behind a Service, e.g. the one {@code kopf manifests}
     * writes; it listens on all interfaces on {@code port}.
     *
     * @param namespace the Service's namespace
     * @param name the Service's name
     * @param port the port to listen on; the Service is expected to forward 443 to it
     * @return the server settings
     */
    public static WebhookServer inCluster(String namespace, String name, int port) {
        return local().withAddress("0.0.0.0").withPort(port)
                .withService(new ServiceReference(namespace, name, 443));
    }

    /**
     * Returns a copy listening on another address.
     *
     * @param value the address
     * @return the changed settings
     */
    public WebhookServer withAddress(String value) {
        return new WebhookServer(value, port, path, host, certFile, keyFile, caFile, extraSans,
                fileCheckInterval, preset, service);
    }

    /**
     * Returns a copy listening on another port.
     *
     * @param value the port; 0 for a free one
     * @return the changed settings
     */
    public WebhookServer withPort(int value) {
        return new WebhookServer(address, value, path, host, certFile, keyFile, caFile,
                extraSans, fileCheckInterval, preset, service);
    }

    /**
     * Returns a copy with another root path.
     *
     * @param value e.g. {@code /admission}
     * @return the changed settings
     */
    public WebhookServer withPath(String value) {
        return new WebhookServer(address, port, value, host, certFile, keyFile, caFile,
                extraSans, fileCheckInterval, preset, service);
    }

    /**
     * Returns a copy with another host name in the webhooks' URL.
     *
     * @param value the host name
     * @return the changed settings
     */
    public WebhookServer withHost(String value) {
        return new WebhookServer(address, port, path, value, certFile, keyFile, caFile,
                extraSans, fileCheckInterval, preset, service);
    }

    /**
     * Returns a copy serving a given certificate, re-read when the files change.
     *
     * @param cert the certificate (PEM)
     * @param key its private key (PEM, PKCS#8 or PKCS#1, unencrypted)
     * @return the changed settings
     */
    public WebhookServer withCertificate(Path cert, Path key) {
        return new WebhookServer(address, port, path, host, cert, key, caFile, extraSans,
                fileCheckInterval, preset, service);
    }

    /**
     * Returns a copy with a CA bundle for the webhooks' {@code caBundle}.
     *
     * @param value the CA bundle (PEM)
     * @return the changed settings
     */
    public WebhookServer withCaFile(Path value) {
        return new WebhookServer(address, port, path, host, certFile, keyFile, value, extraSans,
                fileCheckInterval, preset, service);
    }

    /**
     * Returns a copy with further SANs in the generated certificate.
     *
     * @param value host names or IP addresses
     * @return the changed settings
     */
    public WebhookServer withExtraSans(List<String> value) {
        return new WebhookServer(address, port, path, host, certFile, keyFile, caFile, value,
                fileCheckInterval, preset, service);
    }

    /**
     * Returns a copy checking certificate files at another interval.
     *
     * @param value the interval (Kopf's {@code file_check_interval}, 60 s)
     * @return the changed settings
     */
    public WebhookServer withFileCheckInterval(Duration value) {
        return new WebhookServer(address, port, path, host, certFile, keyFile, caFile,
                extraSans, value, preset, service);
    }

    /**
     * Returns a copy with another local-cluster preset.
     *
     * @param value the preset
     * @return the changed settings
     */
    public WebhookServer withPreset(Preset value) {
        return new WebhookServer(address, port, path, host, certFile, keyFile, caFile,
                extraSans, fileCheckInterval, value, service);
    }

    /**
     * Returns a copy whose client config names a Service instead of a URL.
     *
     * @param value the Service, or {@code null} for a URL
     * @return the changed settings
     */
    public WebhookServer withService(ServiceReference value) {
        return new WebhookServer(address, port, path, host, certFile, keyFile, caFile,
                extraSans, fileCheckInterval, preset, value);
    }
}
