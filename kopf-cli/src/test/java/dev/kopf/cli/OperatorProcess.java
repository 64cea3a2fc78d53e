package dev.kopf.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One {@code kopf run} in a process of its own, against a kubeconfig, for
 * the process chaos tests: started with the test classpath, its output kept by a reader
 * thread, killed with {@link #kill()} (SIGKILL) or stopped with {@link #terminate()}
 * (SIGTERM).
 */
final class OperatorProcess {
    private final Process process;
    private final StringBuilder output = new StringBuilder();
    private final Thread reader;

    private OperatorProcess(Process process) {
        this.process = process;
        reader = new Thread(this::read, "operator-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code kopf run -n default --standalone CLASSES} with extra environment. */
    static OperatorProcess start(Path kubeconfig, Path classes, Map<String, String> env)
            throws IOException {
        return start(kubeconfig, "default", classes, env);
    }

    /** Starts {@code kopf run -n NAMESPACE --standalone CLASSES} with extra environment. */
    static OperatorProcess start(Path kubeconfig, String namespace, Path classes,
            Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"),
                "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "-n", namespace, "--standalone",
                classes.toString());
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        return new OperatorProcess(builder.start());
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM; the caller waits with {@link #awaitExit}. */
    void terminate() {
        process.destroy();
    }

    /**
     * Waits for the exit and for the rest of its output; returns the exit code, or null if
     * it is still running.
     */
    Integer awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS)) {
            return null;
        }
        reader.join(java.util.concurrent.TimeUnit.SECONDS.toMillis(seconds));
        return process.exitValue();
    }

    /** For cleanup: kills whatever is still running. */
    static void killAll(List<OperatorProcess> processes) {
        processes.forEach(p -> p.process.destroyForcibly());
    }
}
