package dev.kopf.testing;

import static dev.kopf.testing.EmbeddedKubernetesFixtures.DEADLINE;
import static dev.kopf.testing.EmbeddedKubernetesFixtures.KOPFEXAMPLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kubeconfig works for kubectl; skipped where kubectl is not installed. */
class EmbeddedKubernetesKubectlTest {
    @TempDir
    Path directory;

    @Test
    void kubectlCanCreateApplyPatchAndGet() throws Exception {
        assumeTrue(kubectlInstalled(), "kubectl is not on the PATH.");
        try (EmbeddedKubernetes server = EmbeddedKubernetes.start();
                KubernetesClient client = server.newClient()) {
            Path kubeconfig = server.writeKubeconfig(directory.resolve("kubeconfig"));
            Path crd = directory.resolve("crd.yaml");
            try (var stream = getClass()
                    .getResourceAsStream("/apiserver/kopfexamples-crd.yaml")) {
                Files.copy(stream, crd);
            }
            Path example = Files.writeString(directory.resolve("example.yaml"), String.join("\n",
                    "apiVersion: kopf.dev/v1", "kind: KopfExample",
                    "metadata: {name: from-kubectl}", "spec: {field: value}", ""));

            assertThat(kubectl(kubeconfig, "create", "-f", crd.toString())).contains("created");
            assertThat(kubectl(kubeconfig, "apply", "-f", example.toString()))
                    .contains("created");
            assertThat(kubectl(kubeconfig, "patch", "kex", "from-kubectl", "--type=merge",
                    "--subresource=status", "-p", "{\"status\":{\"ok\":true}}"))
                    .contains("patched");
            assertThat(kubectl(kubeconfig, "get", "kopfexamples", "-o", "name"))
                    .contains("kopfexample.kopf.dev/from-kubectl");
            assertThat(client.genericKubernetesResources(KOPFEXAMPLES).inNamespace("default")
                    .withName("from-kubectl").get().getAdditionalProperties().get("status"))
                    .isEqualTo(Map.of("ok", true));
            assertThat(kubectl(kubeconfig, "get", "namespaces", "-o", "name"))
                    .contains("namespace/kube-system");
        }
    }

    private String kubectl(Path kubeconfig, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig",
                kubeconfig.toString(), "--cache-dir", directory.resolve("cache").toString()));
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean finished = process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("kubectl %s finished", command).isTrue();
        assertThat(process.exitValue()).as("kubectl %s: %s", command, output).isZero();
        return output;
    }

    private static boolean kubectlInstalled() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String entry : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, "kubectl"))) {
                return true;
            }
        }
        return false;
    }
}
