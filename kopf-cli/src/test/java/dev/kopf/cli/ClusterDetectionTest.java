package dev.kopf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kopf.cli.ClusterDetection.Found;
import dev.kopf.cli.ClusterDetection.Source;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterDetectionTest {

    @TempDir
    Path temp;

    private Path file(String name) throws IOException {
        Path path = temp.resolve(name);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, "apiVersion: v1\nkind: Config\n");
    }

    private Environment environment(Map<String, String> variables) throws IOException {
        Path home = Files.createDirectories(temp.resolve("home"));
        return Environment.of(variables, home, temp);
    }

    @Test
    void nothingIsFoundOnABareMachine() throws IOException {
        assertThat(ClusterDetection.detect(environment(Map.of()))).isEmpty();
    }

    @Test
    void homeKubeconfigIsFound() throws IOException {
        Path config = file("home/.kube/config");

        Optional<Found> found = ClusterDetection.detect(environment(Map.of()));

        assertThat(found).contains(new Found(Source.KUBECONFIG, List.of(config)));
    }

    @Test
    void homeVariableWinsOverUserHome() throws IOException {
        Path config = file("other/.kube/config");

        Optional<Found> found = ClusterDetection.detect(
                environment(Map.of("HOME", temp.resolve("other").toString())));

        assertThat(found).contains(new Found(Source.KUBECONFIG, List.of(config)));
    }

    @Test
    void kubeconfigVariableIsAPathListAndSkipsMissingFiles() throws IOException {
        Path second = file("second.yaml");
        file("home/.kube/config");
        String list = temp.resolve("missing.yaml") + File.pathSeparator + second;

        Optional<Found> found = ClusterDetection.detect(environment(Map.of("KUBECONFIG", list)));

        assertThat(found).contains(new Found(Source.KUBECONFIG, List.of(second)));
    }

    @Test
    void aMissingKubeconfigVariableDoesNotFallBackToHome() throws IOException {
        file("home/.kube/config");

        Optional<Found> found = ClusterDetection.detect(environment(
                Map.of("KUBECONFIG", temp.resolve("missing.yaml").toString())));

        assertThat(found).isEmpty();
    }

    @Test
    void aMissingKubeconfigIsNamedAsMissing() throws IOException {
        Path missing = temp.resolve("missing.yaml");

        String message = ClusterDetection.notFound(
                environment(Map.of("KUBECONFIG", missing.toString())));

        assertThat(message).isEqualTo("KUBECONFIG names a file that does not exist: " + missing
                + ". Point it to a kubeconfig file, or unset it.");
        assertThat(ClusterDetection.notFound(environment(Map.of())))
                .isEqualTo(ClusterDetection.NOT_FOUND);
    }

    @Test
    void inClusterNeedsTheServiceHostAndTheToken() throws IOException {
        Environment withHost = environment(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"));
        assertThat(ClusterDetection.detect(withHost)).isEmpty();

        file("home/var/run/secrets/kubernetes.io/serviceaccount/token");

        assertThat(ClusterDetection.detect(withHost))
                .contains(new Found(Source.IN_CLUSTER, List.of()));
    }

    @Test
    void kubeconfigWinsOverInCluster() throws IOException {
        file("home/var/run/secrets/kubernetes.io/serviceaccount/token");
        file("home/.kube/config");

        Optional<Found> found = ClusterDetection.detect(
                environment(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1")));

        assertThat(found.map(Found::source)).contains(Source.KUBECONFIG);
    }
}
