package dev.kopf.benchmarks.harness;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The daemons scenario: N objects exist, then Kopf starts with one daemon per object
 * ({@code DaemonHandlers}); the run ends when every daemon runs. It reports the time from
 * the process start and from the first LIST until then, the platform threads (the JVM's
 * threads in {@code /proc}, at most), the peak RSS, and the RSS once the start-up burst
 * has settled.
 */
final class DaemonScenario {

    private static final long POLL_MILLIS = 50;

    private final Options options;
    private final Target target;

    DaemonScenario(Options options, Target target) {
        this.options = options;
        this.target = target;
    }

    void run(KubernetesClient client, Framework framework, Path log,
            Map<String, Double> metrics) throws Exception {
        int count = options.daemonCount();
        List<String> names = Workload.names("bench-daemon", count);
        Workload.createAll(client, options.namespace(), names, options.writers());
        Path counter = options.outDir().resolve(log.getFileName() + ".running");
        Files.deleteIfExists(counter);
        target.clearCalls();
        Map<String, String> environment = framework.environment(options,
                target.kubeconfig().toAbsolutePath().toString());
        environment.put("KOPF_BENCHMARK_DAEMONS_FILE", counter.toAbsolutePath().toString());
        Files.deleteIfExists(log);
        try (OperatorProcess operator = OperatorProcess.start(
                framework.command(options, options.daemonsJar()), environment, log)) {
            long deadline = System.nanoTime()
                    + Duration.ofSeconds(options.timeoutSeconds()).toNanos();
            int running = 0;
            while (running < count) {
                if (!operator.isAlive()) {
                    throw new IllegalStateException("The operator process exited; see its log.");
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(String.format(
                            "Only %d of %d daemons were running within %d s.", running, count,
                            options.timeoutSeconds()));
                }
                Workload.sleep(POLL_MILLIS);
                running = read(counter);
            }
            long allRunning = Clocks.nowMicros();
            ProcStats atEnd = operator.stats();
            Workload.sleep(Math.max(options.settleMillis(), 5000));
            ProcStats settled = operator.stats();
            long start = operator.startMicros();
            metrics.put("time_s", Clocks.seconds(allRunning - start));
            metrics.put("cpu_s_per_1k", atEnd.cpuSeconds() * 1000 / count);
            metrics.put("peak_rss_mib", settled.peakRssKib() / 1024.0);
            metrics.put("rss_settled_mib", settled.rssKib() / 1024.0);
            metrics.put("threads", (double) operator.maxThreads());
            ServerCalls calls = target.calls();
            long firstList = calls == null ? 0 : calls.firstListMicros(Workload.PLURAL);
            if (firstList > 0) {
                metrics.put("startup_s", Clocks.seconds(firstList - start));
                metrics.put("after_list_s", Clocks.seconds(allRunning - firstList));
            }
        }
    }

    private static int read(Path counter) {
        try {
            return Integer.parseInt(Files.readString(counter).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
