package dev.kopf.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.List;

/**
 * Loads and initialises, on a daemon thread, what the first Kubernetes client needs (the
 * kubeconfig's YAML and model, Jackson's registry of model classes, Vert.x, Netty, the
 * JDK's trust store) while the main thread parses the command line and loads the handlers:
 * with two cores or more, {@code kopf run}'s start-up then takes about the longer of the
 * two instead of their sum (docs/performance.md). It builds a client for an address that is
 * never contacted and closes it; it reads no file, opens no connection and logs nothing.
 * {@code KOPF_WARMUP=off} disables it, to measure without it.
 */
final class StartupWarmUp {
    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: warm-up
              cluster:
                server: https://127.0.0.1:1
            contexts:
            - name: warm-up
              context:
                cluster: warm-up
            current-context: warm-up
            """;

    private StartupWarmUp() {
    }

    /** Starts the warm-up for {@code kopf run}; does nothing for other commands. */
    static void startFor(String[] args, Environment environment) {
        if (!List.of(args).contains("run") || "off".equals(environment.variable("KOPF_WARMUP"))) {
            return;
        }
        Thread thread = new Thread(StartupWarmUp::warmUp, "kopf-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static void warmUp() {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:1")
                .build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
                .build()) {
            client.getKubernetesSerialization().unmarshal(KUBECONFIG,
                    io.fabric8.kubernetes.api.model.Config.class);
        } catch (RuntimeException | LinkageError e) {
            // Only a warm-up: the real client reports whatever goes wrong.
        }
    }
}
