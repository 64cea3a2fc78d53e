package dev.kopf.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * The parts of the process environment that the command reads, made injectable so that
 * tests can describe a machine without a cluster instead of mutating the real environment.
 *
 * @param variables environment variables
 * @param kubeconfigProperty the {@code kubeconfig} system property (fabric8 prefers it to
 *     {@code KUBECONFIG}), or {@code null}
 * @param userHome the {@code user.home} system property, used when {@code HOME} is unset
 * @param serviceAccountToken where the in-cluster service account token is mounted
 * @param workingDirectory the current directory (for {@code ./target})
 * @param isProcess whether this describes the real process, so that fabric8's own
 *     auto-configuration sees the same as the detection
 */
record Environment(Map<String, String> variables, String kubeconfigProperty, Path userHome,
        Path serviceAccountToken, Path workingDirectory, boolean isProcess) {

    /** The token path that Kubernetes mounts into pods, and fabric8 reads. */
    static final Path SERVICE_ACCOUNT_TOKEN =
            Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

    /** Copies the variables. */
    Environment {
        variables = Map.copyOf(variables);
    }

    /**
     * Describes the running process.
     *
     * @return the real environment
     */
    static Environment ofProcess() {
        return new Environment(System.getenv(), System.getProperty("kubeconfig"),
                Path.of(System.getProperty("user.home", ".")), SERVICE_ACCOUNT_TOKEN,
                Path.of("").toAbsolutePath(), true);
    }

    /**
     * Describes a made-up machine, for tests.
     *
     * @param variables environment variables
     * @param home the home directory
     * @param workingDirectory the current directory
     * @return an environment without a {@code kubeconfig} property and whose service
     *     account token is looked up under {@code home}
     */
    static Environment of(Map<String, String> variables, Path home, Path workingDirectory) {
        return new Environment(variables, null, home,
                home.resolve("var/run/secrets/kubernetes.io/serviceaccount/token"),
                workingDirectory, false);
    }

    /**
     * Returns an environment variable.
     *
     * @param name the name
     * @return the value, or {@code null} when unset or empty
     */
    String variable(String name) {
        String value = variables.get(name);
        return value == null || value.isEmpty() ? null : value;
    }
}
