package dev.kopf.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubectl get --watch} streams changes; skipped where kubectl is not installed. */
class EmbeddedKubernetesKubectlWatchTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    @Test
    void kubectlWatchPrintsChangesAsTheyHappen() throws Exception {
        assumeTrue(kubectlInstalled(), "kubectl is not on the PATH.");
        try (EmbeddedKubernetes server = EmbeddedKubernetes.start();
                KubernetesClient client = server.newClient()) {
            Path kubeconfig = server.writeKubeconfig(directory.resolve("kubeconfig"));
            client.configMaps().inNamespace("default").resource(configMap("before")).create();

            Process kubectl = new ProcessBuilder("kubectl", "--kubeconfig",
                    kubeconfig.toString(), "--cache-dir", directory.resolve("cache").toString(),
                    "get", "configmaps", "--watch", "-o", "name")
                    .redirectErrorStream(true).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> readLines(kubectl, lines), "kubectl-watch-reader");
            reader.setDaemon(true);
            reader.start();
            try {
                assertThat(next(lines)).isEqualTo("configmap/before");

                client.configMaps().inNamespace("default").resource(configMap("during"))
                        .create();
                assertThat(next(lines)).isEqualTo("configmap/during");

                client.configMaps().inNamespace("default").withName("during").delete();
                assertThat(next(lines)).isEqualTo("configmap/during");
                assertThat(kubectl.isAlive()).isTrue();
            } finally {
                kubectl.destroy();
                kubectl.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    private static String next(BlockingQueue<String> lines) throws InterruptedException {
        String line = lines.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(line).as("a line from kubectl within %s", WAIT).isNotNull();
        return line;
    }

    private static void readLines(Process process, BlockingQueue<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(reading failed: " + e + ")");
        }
    }

    private static ConfigMap configMap(String name) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
                .addToData("key", "value").build();
    }

    private static boolean kubectlInstalled() {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> new File(dir, "kubectl").canExecute());
    }
}
