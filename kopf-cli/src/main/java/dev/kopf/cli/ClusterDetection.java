package dev.kopf.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds how to reach a cluster, by fabric8's rules (which create the client): the
 * {@code kubeconfig} property or {@code KUBECONFIG} (a path list), else
 * {@code ~/.kube/config}; failing that, the in-cluster service account. Separate from the
 * connection so that the rules are tested against a made-up {@link Environment}.
 */
final class ClusterDetection {

    /** Where the configuration comes from. */
    enum Source {
        /** A kubeconfig file. */
        KUBECONFIG,
        /** The pod's service account and the {@code KUBERNETES_SERVICE_*} variables. */
        IN_CLUSTER
    }

    /**
     * A found configuration.
     *
     * @param source where it comes from
     * @param kubeconfigs the existing kubeconfig files; empty for {@link Source#IN_CLUSTER}
     */
    record Found(Source source, List<Path> kubeconfigs) {
        Found {
            kubeconfigs = List.copyOf(kubeconfigs);
        }
    }

    static final String NOT_FOUND = "No Kubernetes cluster is configured: no KUBECONFIG, "
            + "no ~/.kube/config, no in-cluster service account. "
            + "Run with --embedded to use the embedded API server.";

    private ClusterDetection() {
    }

    /**
     * Says why no configuration is found: that KUBECONFIG (or the {@code kubeconfig}
     * property) names only missing files when it is set, else {@link #NOT_FOUND}.
     *
     * @param environment the environment inspected
     * @return the message for the user
     */
    static String notFound(Environment environment) {
        String source = environment.kubeconfigProperty() != null
                ? "The kubeconfig system property" : "KUBECONFIG";
        if (environment.kubeconfigProperty() == null
                && environment.variable("KUBECONFIG") == null) {
            return NOT_FOUND;
        }
        List<Path> missing = kubeconfigCandidates(environment);
        if (missing.isEmpty()) {
            return NOT_FOUND;
        }
        return source + " names " + (missing.size() == 1 ? "a file that does not exist: "
                : "files that do not exist: ")
                + String.join(", ", missing.stream().map(Path::toString).toList())
                + ". Point it to a kubeconfig file, or unset it.";
    }

    /**
     * Looks for a configuration.
     *
     * @param environment the environment to inspect
     * @return the configuration, or empty when there is none
     */
    static Optional<Found> detect(Environment environment) {
        List<Path> kubeconfigs = existing(kubeconfigCandidates(environment));
        if (!kubeconfigs.isEmpty()) {
            return Optional.of(new Found(Source.KUBECONFIG, kubeconfigs));
        }
        if (environment.variable("KUBERNETES_SERVICE_HOST") != null
                && Files.isRegularFile(environment.serviceAccountToken())) {
            return Optional.of(new Found(Source.IN_CLUSTER, List.of()));
        }
        return Optional.empty();
    }

    /**
     * Returns the kubeconfig paths fabric8 would try, existing or not.
     *
     * @param environment the environment
     * @return the candidates, in order
     */
    static List<Path> kubeconfigCandidates(Environment environment) {
        String list = environment.kubeconfigProperty() != null
                ? environment.kubeconfigProperty()
                : environment.variable("KUBECONFIG");
        if (list == null) {
            return List.of(home(environment).resolve(".kube").resolve("config"));
        }
        List<Path> paths = new ArrayList<>();
        for (String entry : list.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                paths.add(Path.of(entry.trim()));
            }
        }
        return paths;
    }

    private static Path home(Environment environment) {
        String home = environment.variable("HOME");
        if (home != null && Files.isDirectory(Path.of(home))) {
            return Path.of(home);
        }
        return environment.userHome();
    }

    private static List<Path> existing(List<Path> candidates) {
        return candidates.stream().filter(Files::isRegularFile).toList();
    }
}
