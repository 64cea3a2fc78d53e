package dev.kopf.benchmarks.harness;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs every scenario for every framework, alternating the frameworks (A B C A B C ...) in
 * each round, each run against a clean cluster with the operator in a new process.
 */
final class Harness {
    private static final String PROBE = "bench-probe";

    private final Options options;
    private final Target target;

    Harness(Options options, Target target) {
        this.options = options;
        this.target = target;
    }

    List<RunResult> runAll() throws Exception {
        Files.createDirectories(options.outDir());
        List<RunResult> results = new ArrayList<>();
        if (options.warmUp()) {
            for (Framework framework : options.frameworks()) {
                warmUp(framework);
            }
        }
        for (int round = 1; round <= options.rounds(); round++) {
            for (Scenario scenario : options.scenarios()) {
                for (Framework framework : options.frameworks()) {
                    if (!scenario.supports(framework)) {
                        continue;
                    }
                    RunResult result = runOnce(framework, scenario, round);
                    results.add(result);
                    System.err.printf("round %d %-8s %-5s %s%n", round, scenario.id(),
                            framework.id, result.error() != null ? "FAILED: " + result.error()
                                    : summary(result));
                }
            }
        }
        return results;
    }

    /**
     * One untimed start of each operator before the first round: it fills the OS page cache
     * with its jars, and lets the kopf launcher create its class-data archive, as the first
     * start after an install does.
     */
    private void warmUp(Framework framework) throws Exception {
        Path log = options.outDir().resolve("warmup-" + framework.id + ".log");
        target.reset();
        try (KubernetesClient client = Workload.client(target.kubeconfig())) {
            Workload.ensureCrd(client);
            try (HandledTracker tracker = new HandledTracker(client, options.namespace());
                    OperatorProcess operator = startOperator(framework, log)) {
                Workload.create(client, options.namespace(), PROBE);
                awaitHandled(tracker, List.of(PROBE), operator);
                settle();
            }
        }
        System.err.printf("warm-up %-5s done%n", framework.id);
    }

    private static String summary(RunResult result) {
        StringBuilder text = new StringBuilder();
        result.metrics().forEach((name, value) -> text.append(name).append('=')
                .append(String.format("%.3f", value)).append(' '));
        text.append("writes/object=").append(result.writesPerObject());
        return text.toString();
    }

    private RunResult runOnce(Framework framework, Scenario scenario, int round) {
        Map<String, Double> metrics = new HashMap<>();
        Map<String, Double> writes = new HashMap<>();
        Path log = options.outDir().resolve(
                String.format("r%d-%s-%s.log", round, scenario.id(), framework.id));
        metrics.put("load1", ProcStats.loadAverage());
        try {
            target.reset();
            try (KubernetesClient client = Workload.client(target.kubeconfig())) {
                Workload.ensureCrd(client);
                switch (scenario) {
                    case BACKLOG -> backlog(client, framework, log, metrics, writes);
                    case STREAM, LATENCY, BUSY_LATENCY -> live(client, framework, scenario,
                            log, metrics, writes);
                    case DAEMONS -> new DaemonScenario(options, target).run(client, framework,
                            log, metrics);
                    case SHARDING -> new ShardingScenario(options, target).run(framework, log,
                            metrics);
                    default -> throw new AssertionError(scenario);
                }
            }
            return new RunResult(framework, scenario, round, metrics, writes, null);
        } catch (Exception e) {
            return new RunResult(framework, scenario, round, metrics, writes, e.toString());
        }
    }

    /** N objects exist before the operator starts; it drains them. */
    private void backlog(KubernetesClient client, Framework framework, Path log,
            Map<String, Double> metrics, Map<String, Double> writes) throws Exception {
        List<String> names = Workload.names("bench-backlog", options.n());
        Workload.createAll(client, options.namespace(), names, options.writers());
        try (HandledTracker tracker = new HandledTracker(client, options.namespace())) {
            target.clearCalls();
            try (OperatorProcess operator = startOperator(framework, log)) {
                awaitHandled(tracker, names, operator);
                long end = tracker.lastHandled(names);
                ProcStats atEnd = operator.stats();
                Map<String, Double> byThread = ThreadCpu.read(operator.pid());
                if (byThread.containsKey(ThreadCpu.KOPF_WORKERS)) {
                    metrics.put("cpu_workers_s_per_1k",
                            byThread.get(ThreadCpu.KOPF_WORKERS) * 1000 / options.n());
                }
                System.err.println("  CPU s by thread group at all handled: " + byThread);
                settle();
                ProcStats last = operator.stats();
                long start = operator.startMicros();
                metrics.put("time_s", Clocks.seconds(end - start));
                metrics.put("first_handled_s",
                        Clocks.seconds(tracker.firstHandled(names) - start));
                metrics.put("cpu_s", atEnd.cpuSeconds());
                metrics.put("cpu_s_per_1k", atEnd.cpuSeconds() * 1000 / options.n());
                metrics.put("peak_rss_mib", last.peakRssKib() / 1024.0);
                // What stays resident once the drain is over: the cost of watching N objects.
                metrics.put("rss_settled_mib", last.rssKib() / 1024.0);
                metrics.put("threads", (double) operator.maxThreads());
                ServerCalls calls = target.calls();
                if (calls != null) {
                    long firstList = calls.firstListMicros(Workload.PLURAL);
                    if (firstList > 0) {
                        double drain = Clocks.seconds(end - firstList);
                        metrics.put("startup_s", Clocks.seconds(firstList - start));
                        metrics.put("drain_s", drain);
                        metrics.put("objects_per_s", options.n() / drain);
                        double cpuDrain = atEnd.cpuSeconds() - operator.cpuSecondsAt(firstList);
                        metrics.put("cpu_drain_s_per_1k", cpuDrain * 1000 / options.n());
                    }
                    countWrites(calls, options.n(), metrics, writes);
                } else {
                    metrics.put("objects_per_s", options.n() / Clocks.seconds(end - start));
                }
                long live = LiveHeap.take(options.javaHome(), operator.pid(),
                        log.resolveSibling(log.getFileName() + ".histogram.txt"));
                if (live >= 0) {
                    metrics.put("heap_live_mib", live / 1024.0 / 1024.0);
                    ProcStats collected = operator.stats();
                    if (collected != null) {
                        metrics.put("rss_after_gc_mib", collected.rssKib() / 1024.0);
                    }
                }
            }
        }
    }

    /** The operator runs and is ready; objects arrive (fast, or one every 50 ms). */
    private void live(KubernetesClient client, Framework framework, Scenario scenario, Path log,
            Map<String, Double> metrics, Map<String, Double> writes) throws Exception {
        try (HandledTracker tracker = new HandledTracker(client, options.namespace())) {
            target.clearCalls(); // The tracker's own LIST is not the operator's.
            live(client, framework, scenario, log, metrics, writes, tracker);
        }
    }

    private void live(KubernetesClient client, Framework framework, Scenario scenario, Path log,
            Map<String, Double> metrics, Map<String, Double> writes, HandledTracker tracker)
            throws Exception {
        try (OperatorProcess operator = startOperator(framework, log)) {
            // Ready = it handles an object: listed, watching, and its machinery warm enough.
            Workload.create(client, options.namespace(), PROBE);
            awaitHandled(tracker, List.of(PROBE), operator);
            ServerCalls startup = target.calls();
            if (startup != null) {
                long firstList = startup.firstListMicros(Workload.PLURAL);
                if (firstList > 0) {
                    // The server is fresh and cold here (slower discovery): not the start-up
                    // figure, which comes from the backlog runs.
                    metrics.put("cold_server_startup_s",
                            Clocks.seconds(firstList - operator.startMicros()));
                }
            }
            metrics.put("probe_handled_s",
                    Clocks.seconds(tracker.handledAt(PROBE) - operator.startMicros()));
            settle();
            target.clearCalls();
            ProcStats before = operator.stats();
            int count = scenario == Scenario.STREAM ? options.n() : options.latencyCount();
            List<String> names = Workload.names("bench-" + scenario.id(), count);
            // Under load: a burst of N objects from the writers while the paced ones come.
            List<String> burst = scenario == Scenario.BUSY_LATENCY
                    ? Workload.names("bench-burst", options.n()) : List.of();
            java.util.concurrent.CompletableFuture<?> bursting =
                    java.util.concurrent.CompletableFuture.runAsync(() -> {
                        try {
                            Workload.createAll(client, options.namespace(), burst,
                                    options.writers());
                        } catch (Exception e) {
                            throw new IllegalStateException("The burst failed: " + e, e);
                        }
                    });
            Map<String, Long> sent = scenario == Scenario.STREAM
                    ? Workload.createAll(client, options.namespace(), names, options.writers())
                    : createPaced(client, names);
            bursting.join();
            awaitHandled(tracker, names, operator);
            awaitHandled(tracker, burst, operator);
            count += burst.size();
            long end = tracker.lastHandled(names);
            ProcStats atEnd = operator.stats();
            settle();
            ProcStats last = operator.stats();
            long firstCreate = sent.values().stream().mapToLong(Long::longValue).min()
                    .orElseThrow();
            double cpu = atEnd.cpuSeconds() - before.cpuSeconds();
            metrics.put("cpu_s_per_1k", cpu * 1000 / count);
            metrics.put("peak_rss_mib", last.peakRssKib() / 1024.0);
            metrics.put("threads", (double) operator.maxThreads());
            if (scenario == Scenario.STREAM) {
                double seconds = Clocks.seconds(end - firstCreate);
                metrics.put("time_s", seconds);
                metrics.put("objects_per_s", count / seconds);
            } else {
                List<Double> latencies = new ArrayList<>();
                for (String name : names) {
                    latencies.add((tracker.handledAt(name) - sent.get(name)) / 1000.0);
                }
                metrics.put("p50_ms", Stats.percentile(latencies, 50));
                metrics.put("p99_ms", Stats.percentile(latencies, 99));
            }
            ServerCalls calls = target.calls();
            if (calls != null) {
                countWrites(calls, count, metrics, writes);
            }
        }
    }

    private Map<String, Long> createPaced(KubernetesClient client, List<String> names)
            throws InterruptedException {
        Map<String, Long> sent = new ConcurrentHashMap<>();
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                pacer.schedule(() -> {
                    sent.put(name, Clocks.nowMicros());
                    Workload.create(client, options.namespace(), name);
                }, (long) i * options.latencyIntervalMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            pacer.shutdown();
        }
        long bound = (long) names.size() * options.latencyIntervalMillis() + 60_000;
        if (!pacer.awaitTermination(bound, TimeUnit.MILLISECONDS)) {
            pacer.shutdownNow();
            throw new IllegalStateException("Paced creation did not finish in time.");
        }
        return sent;
    }

    private static void countWrites(ServerCalls calls, int objects, Map<String, Double> metrics,
            Map<String, Double> writes) {
        int total = 0;
        for (Map.Entry<String, Integer> entry : calls.writesByKind(Workload.PLURAL).entrySet()) {
            writes.put(entry.getKey(), entry.getValue() / (double) objects);
            total += entry.getValue();
        }
        metrics.put("writes_per_object", total / (double) objects);
        Map<String, Integer> reads = calls.readsByKind(Workload.PLURAL);
        metrics.put("lists", (double) reads.getOrDefault("LIST", 0));
        metrics.put("watches", (double) reads.getOrDefault("WATCH", 0));
    }

    private OperatorProcess startOperator(Framework framework, Path log) throws Exception {
        Files.deleteIfExists(log);
        return OperatorProcess.start(framework.command(options),
                framework.environment(options, target.kubeconfig().toAbsolutePath().toString()),
                log);
    }

    private void awaitHandled(HandledTracker tracker, List<String> names,
            OperatorProcess operator) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(options.timeoutSeconds()).toNanos();
        while (!tracker.await(names, Duration.ofSeconds(1))) {
            if (!operator.isAlive()) {
                throw new IllegalStateException("The operator process exited; see its log.");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(String.format(
                        "Only %d of %d objects were handled within %d s.",
                        tracker.count(names), names.size(), options.timeoutSeconds()));
            }
        }
    }

    private void settle() {
        Workload.sleep(options.settleMillis());
    }
}
