package dev.kopf.cli;

import dev.kopf.AdmissionSettings;
import dev.kopf.OperatorSettings;
import dev.kopf.WebhookServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The admission webhook options of {@code kopf run}: a webhook server for the operator's
 * {@code @OnValidate}/{@code @OnMutate} handlers without code (an {@code @OnStartup} handler
 * may still change it). The webhook port is the server's own; it shares nothing with
 * {@code -L} or the metrics endpoint.
 */
final class AdmissionOptions {

    @Option(order = 40, names = "--webhook-server", paramLabel = "MODE",
            description = "Serve admission webhooks: local, k3d, minikube, docker-desktop,"
                    + " auto (guessed from the nodes), service (in the cluster, behind"
                    + " --webhook-service).")
    String server;

    @Option(order = 41, names = "--webhook-port", paramLabel = "PORT",
            description = "The webhook server's port (default: 9443; 0 for a free one).")
    Integer port;

    @Option(order = 42, names = "--webhook-address", paramLabel = "ADDR",
            description = "The address to listen on (default: the mode's).")
    String address;

    @Option(order = 43, names = "--webhook-host", paramLabel = "HOST",
            description = "The host name the API server uses to reach the webhooks.")
    String host;

    @Option(order = 44, names = "--webhook-path", paramLabel = "PATH",
            description = "The root path of the webhook URLs.")
    String path;

    @Option(order = 45, names = "--webhook-cert", paramLabel = "FILE",
            description = "The server certificate (PEM); re-read when it changes.")
    Path cert;

    @Option(order = 46, names = "--webhook-key", paramLabel = "FILE",
            description = "The server certificate's private key (PEM).")
    Path key;

    @Option(order = 47, names = "--webhook-ca", paramLabel = "FILE",
            description = "The CA bundle (PEM) for the webhooks' caBundle.")
    Path ca;

    @Option(order = 48, names = "--webhook-extra-san", paramLabel = "NAME",
            description = "Another name or IP for the generated certificate (repeatable).")
    List<String> extraSans = new ArrayList<>();

    @Option(order = 50, names = "--webhook-service", paramLabel = "NAMESPACE/NAME",
            description = "With --webhook-server service: the Service in front of the "
                    + "operator (port 443 to --webhook-port), e.g. the one kopf manifests writes.")
    String service;

    @Option(order = 49, names = "--webhook-managed", paramLabel = "NAME",
            description = "Create and keep patched the webhook configurations of this name,"
                    + " e.g. auto.kopf.dev.")
    String managed;

    /** Turns bad values and combinations into usage errors (exit code 2). */
    void check(picocli.CommandLine commandLine) {
        try {
            apply(OperatorSettings.defaults());
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(commandLine, e.getMessage());
        }
    }

    /** Whether any option was given. */
    boolean isGiven() {
        return server != null || managed != null;
    }

    /**
     * Applies the options to the settings.
     *
     * @param settings the settings so far
     * @return the settings with the admission group changed
     * @throws IllegalArgumentException with a one-line message for bad combinations
     */
    OperatorSettings apply(OperatorSettings settings) {
        WebhookServer webhooks = server == null ? null : build();
        return settings.toBuilder().admission(a -> {
            AdmissionSettings changed = a;
            if (webhooks != null) {
                changed = changed.server(webhooks);
            }
            return managed == null ? changed : changed.managed(managed);
        }).build();
    }

    private WebhookServer inCluster() {
        int slash = service == null ? -1 : service.indexOf('/');
        if (slash <= 0 || slash == service.length() - 1) {
            throw new IllegalArgumentException("--webhook-server service needs"
                    + " --webhook-service NAMESPACE/NAME: " + service + ".");
        }
        return WebhookServer.inCluster(service.substring(0, slash),
                service.substring(slash + 1), port == null ? 9443 : port);
    }

    private WebhookServer build() {
        WebhookServer base = switch (server.toLowerCase(Locale.ROOT)) {
            case "local" -> WebhookServer.local();
            case "k3d", "k3s" -> WebhookServer.k3d();
            case "minikube" -> WebhookServer.minikube();
            case "docker-desktop" -> WebhookServer.dockerDesktop();
            case "auto" -> WebhookServer.auto();
            case "service" -> inCluster();
            default -> throw new IllegalArgumentException("--webhook-server must be one of"
                    + " local, k3d, minikube, docker-desktop, auto, service: " + server + ".");
        };
        if (service != null && !"service".equalsIgnoreCase(server)) {
            throw new IllegalArgumentException("--webhook-service goes with"
                    + " --webhook-server service.");
        }
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("--webhook-cert and --webhook-key go together:"
                    + " give both or neither.");
        }
        base = base.withPort(port == null ? 9443 : port);
        base = address == null ? base : base.withAddress(address);
        base = host == null ? base : base.withHost(host);
        base = path == null ? base : base.withPath(path);
        base = cert == null ? base : base.withCertificate(cert, key);
        base = ca == null ? base : base.withCaFile(ca);
        return extraSans.isEmpty() ? base : base.withExtraSans(extraSans);
    }
}
