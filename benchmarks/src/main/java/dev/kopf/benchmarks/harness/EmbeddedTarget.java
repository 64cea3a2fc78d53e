package dev.kopf.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The embedded API server ({@code dev.kopf.testing.EmbeddedKubernetes.main}) in a process of
 * its own, so that the operator's CPU and memory are its own; a new one for every run, so
 * that no run inherits another's objects, history or call log.
 */
final class EmbeddedTarget implements Target {
    private static final String PREFIX = "Embedded Kubernetes API server listening on ";

    private final List<String> javaCommand;
    private final Path workDir;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Process server;
    private String url;
    private int runs;

    /**
     * @param javaCommand the java executable and the class path of the server, e.g.
     *     {@code [java, -cp, kopf-benchmarks.jar]}
     * @param workDir where kubeconfigs and logs go
     */
    EmbeddedTarget(List<String> javaCommand, Path workDir) {
        this.javaCommand = List.copyOf(javaCommand);
        this.workDir = workDir;
    }

    @Override
    public void reset() throws IOException, InterruptedException {
        close();
        runs++;
        Path kubeconfig = kubeconfig();
        List<String> command = new java.util.ArrayList<>(javaCommand);
        command.addAll(List.of("dev.kopf.testing.EmbeddedKubernetes", "--port", "0",
                "--kubeconfig", kubeconfig.toString(), "--calls-endpoint"));
        server = ChildProcesses.start(command, Map.of(), null);
        BufferedReader out = new BufferedReader(
                new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> listening = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith(PREFIX)) {
                        return line.substring(PREFIX.length()).trim();
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        try {
            url = listening.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            url = null;
        }
        if (url == null) {
            close();
            throw new IOException("The embedded API server did not start within 60 seconds.");
        }
        // Keep draining its output (slf4j-simple logs there) so that it never blocks.
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // Discarded.
                }
            } catch (IOException e) {
                // The server has stopped.
            }
        }, "benchmark-apiserver-output");
        drain.setDaemon(true);
        drain.start();
    }

    @Override
    public Path kubeconfig() {
        return workDir.resolve("embedded.kubeconfig");
    }

    @Override
    public boolean countsCalls() {
        return true;
    }

    @Override
    public ServerCalls calls() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(callsRequest().GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /kopf-embedded/calls answered " + response.statusCode()
                    + "; the server must be started with --calls-endpoint.");
        }
        return ServerCalls.parse(response.body());
    }

    @Override
    public void clearCalls() throws IOException, InterruptedException {
        http.send(callsRequest().DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    private HttpRequest.Builder callsRequest() {
        return HttpRequest.newBuilder(URI.create(url + "/kopf-embedded/calls"))
                .timeout(Duration.ofSeconds(30));
    }

    @Override
    public String description() {
        return "embedded API server (separate JVM, fresh per run)";
    }

    @Override
    public void close() {
        if (server != null) {
            ChildProcesses.stop(server, 10);
            server = null;
        }
    }
}
