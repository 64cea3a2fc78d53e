package dev.kopf.benchmarks.harness;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The sharding scenario (Kopf only; docs/performance.md, "Issue 14"), for each replica count
 * R of {@code --replicas}, on a fresh server: R replicas start with
 * {@code kopf run --shards auto} on one ring, each with its own {@code POD_ID} (its member
 * name), and N objects come; until every object is handled and labelled with its hash owner. Then one more
 * replica joins (until the ring's new assignment is reached), then one replica that is not
 * the sharder leaves with SIGTERM (likewise). It reports each replica's CPU and memory, the
 * objects each handled and owns, the drain time, the time to the new assignment and the
 * objects moved by each membership change next to the consistent-hashing ideal.
 *
 * <p>Figures go into the run's metrics as {@code r<R>.<figure>} and
 * {@code r<R>.<member>.<figure>}; {@link ShardingReport} tabulates them.
 *
 * <p>By default the replicas start first and the objects come once the ring has formed (so
 * the figures are those of a formed ring); with {@code --shard-backlog} the objects exist
 * before the replicas start together, as at a restart of every replica (then the first
 * sharder assigns the backlog to the members it sees first, and the rest is rebalanced).
 */
final class ShardingScenario {
    /** The ring's name: labels {@code sharding.kopf.dev/bench} and Leases {@code bench-*}. */
    static final String RING = "bench";
    private static final long POLL_MILLIS = 100;
    /** The default {@code retryPeriod} of sharding, and one second more. */
    private static final long RING_SETTLE_MILLIS = 3000;

    private final Options options;
    private final Target target;

    ShardingScenario(Options options, Target target) {
        this.options = options;
        this.target = target;
    }

    /** The member name of the i-th replica (1-based), its {@code POD_ID}. */
    static String member(int index) {
        return "shard-" + index;
    }

    void run(Framework framework, Path log, Map<String, Double> metrics) throws Exception {
        List<Integer> counts = options.replicas();
        metrics.put("n", (double) options.n());
        metrics.put("shard_backlog", options.shardBacklog() ? 1.0 : 0.0);
        for (int i = 0; i < counts.size(); i++) {
            if (i > 0) {
                target.reset(); // A fresh server: no labels, Leases or history of the last.
            }
            try (KubernetesClient client = Workload.client(target.kubeconfig())) {
                Workload.ensureCrd(client);
                runReplicas(client, framework, counts.get(i), log, metrics);
            }
        }
    }

    private void runReplicas(KubernetesClient client, Framework framework, int count, Path log,
            Map<String, Double> metrics) throws Exception {
        String ns = options.namespace();
        String prefix = "r" + count + ".";
        List<String> names = Workload.names("bench-shard", options.n());
        if (options.shardBacklog()) {
            Workload.createAll(client, ns, names, options.writers());
        }
        Map<String, OperatorProcess> replicas = new LinkedHashMap<>();
        try (ShardWatch watch = new ShardWatch(client, ns, RING)) {
            metrics.put(prefix + "load1", ProcStats.loadAverage());
            for (int i = 1; i <= count; i++) {
                replicas.put(member(i), start(framework, member(i), log, count));
            }
            long start = replicas.get(member(1)).startMicros();
            if (!options.shardBacklog()) {
                awaitRing(client, replicas);
                start = Clocks.nowMicros();
                Workload.createAll(client, ns, names, options.writers());
                metrics.put(prefix + "create_s", Clocks.seconds(Clocks.nowMicros() - start));
            }
            Map<String, String> expected = ShardMoves.expected(names, ns, replicas.keySet());
            await(() -> watch.handled(names) == names.size()
                    && watch.mismatches(expected) == 0, replicas.values(), () -> String.format(
                            "%d of %d objects handled, %d not with their hash owner",
                            watch.handled(names), names.size(), watch.mismatches(expected)));
            long drainStart = start;
            Map<String, ProcStats> atEnd = new LinkedHashMap<>();
            replicas.forEach((member, process) -> atEnd.put(member, process.stats()));
            metrics.put(prefix + "drain_s", Clocks.seconds(watch.lastHandled() - start));
            metrics.put(prefix + "first_handled_s", Clocks.seconds(watch.firstHandled() - start));
            metrics.put(prefix + "assigned_s", Clocks.seconds(watch.lastOwnerChange() - start));
            metrics.put(prefix + "startup_moves", (double) watch.ownerChanges());
            Workload.sleep(options.settleMillis());
            String sharder = sharder(client);
            Map<String, Integer> handled = ShardMoves.perMember(watch.handledBy());
            Map<String, Integer> owned = ShardMoves.perMember(watch.owners());
            replicas.forEach((member, process) -> {
                String key = prefix + member + ".";
                ProcStats settled = process.stats();
                metrics.put(key + "cpu_s", atEnd.get(member).cpuSeconds());
                metrics.put(key + "cpu_drain_s", atEnd.get(member).cpuSeconds()
                        - process.cpuSecondsAt(drainStart));
                metrics.put(key + "peak_rss_mib", settled.peakRssKib() / 1024.0);
                metrics.put(key + "rss_settled_mib", settled.rssKib() / 1024.0);
                metrics.put(key + "handled", (double) handled.getOrDefault(member, 0));
                metrics.put(key + "owned", (double) owned.getOrDefault(member, 0));
                metrics.put(key + "sharder", member.equals(sharder) ? 1.0 : 0.0);
            });
            // Last: a full GC in each replica. What stays is the cost of the objects it keeps.
            replicas.forEach((member, process) -> {
                long live = LiveHeap.take(options.javaHome(), process.pid(),
                        Path.of(logOf(log, count, member) + ".histogram.txt"));
                if (live >= 0) {
                    metrics.put(prefix + member + ".heap_live_mib", live / 1024.0 / 1024.0);
                }
            });
            join(framework, watch, names, replicas, log, count, metrics);
            leave(client, watch, names, replicas, count, metrics);
        } finally {
            stopAll(replicas.values());
        }
    }

    /**
     * Waits until every replica's membership Lease exists and a sharder is elected, then one
     * membership read period more (the sharder reads the members every {@code retryPeriod},
     * 2 s), so that the objects created next meet the whole ring.
     */
    private void awaitRing(KubernetesClient client, Map<String, OperatorProcess> replicas) {
        var leases = client.leases().inNamespace(options.namespace());
        await(() -> {
            java.util.Set<String> present = new java.util.HashSet<>();
            leases.withLabel("sharding.kopf.dev/ring", RING).list().getItems()
                    .forEach(lease -> present.add(lease.getMetadata().getName()));
            Lease sharder = leases.withName(RING + "-sharder").get();
            return replicas.keySet().stream().allMatch(m -> present.contains(RING + "-" + m))
                    && sharder != null && sharder.getSpec() != null
                    && sharder.getSpec().getHolderIdentity() != null;
        }, replicas.values(), () -> "the ring's Leases are not all there");
        Workload.sleep(RING_SETTLE_MILLIS);
    }

    /** One more replica starts: until the ring of R + 1 members is the assignment. */
    private void join(Framework framework, ShardWatch watch,
            List<String> names, Map<String, OperatorProcess> replicas, Path log, int count,
            Map<String, Double> metrics) throws Exception {
        String prefix = "r" + count + ".join.";
        Map<String, String> before = watch.owners();
        Map<String, String> hashBefore = ShardMoves.expected(names, options.namespace(),
                replicas.keySet());
        int changesBefore = watch.ownerChanges();
        metrics.put(prefix + "load1", ProcStats.loadAverage());
        String joiner = member(count + 1);
        OperatorProcess process = start(framework, joiner, log, count);
        replicas.put(joiner, process);
        Map<String, String> expected = ShardMoves.expected(names, options.namespace(),
                replicas.keySet());
        await(() -> watch.mismatches(expected) == 0, replicas.values(), () -> String.format(
                "%d objects not yet with their owner after %s joined",
                watch.mismatches(expected), joiner));
        // No later than the start if nothing had to move (a share of none).
        long end = Math.max(watch.lastOwnerChange(), process.startMicros());
        ProcStats stats = process.stats();
        metrics.put(prefix + "time_s", Clocks.seconds(end - process.startMicros()));
        long first = watch.firstOwned(joiner);
        if (first > 0) {
            metrics.put(prefix + "first_owned_s", Clocks.seconds(first - process.startMicros()));
        }
        recordMoves(prefix, before, watch.owners(), hashBefore, expected,
                watch.ownerChanges() - changesBefore, count + 1, metrics);
        metrics.put(prefix + "owned", (double) ShardMoves.perMember(watch.owners())
                .getOrDefault(joiner, 0));
        metrics.put(prefix + "joiner_cpu_s", stats.cpuSeconds());
        metrics.put(prefix + "joiner_peak_rss_mib", stats.peakRssKib() / 1024.0);
    }

    /** A replica that is not the sharder stops (SIGTERM): until the ring without it is. */
    private void leave(KubernetesClient client, ShardWatch watch, List<String> names,
            Map<String, OperatorProcess> replicas, int count, Map<String, Double> metrics) {
        String prefix = "r" + count + ".leave.";
        String leaver = leaver(client, new ArrayList<>(replicas.keySet()));
        Map<String, String> before = watch.owners();
        Map<String, String> hashBefore = ShardMoves.expected(names, options.namespace(),
                replicas.keySet());
        int changesBefore = watch.ownerChanges();
        metrics.put(prefix + "load1", ProcStats.loadAverage());
        long stopped = Clocks.nowMicros();
        replicas.remove(leaver).close();
        metrics.put(prefix + "exit_s", Clocks.seconds(Clocks.nowMicros() - stopped));
        Map<String, String> expected = ShardMoves.expected(names, options.namespace(),
                replicas.keySet());
        await(() -> watch.mismatches(expected) == 0, replicas.values(), () -> String.format(
                "%d objects not yet with their owner after %s left",
                watch.mismatches(expected), leaver));
        metrics.put(prefix + "time_s",
                Clocks.seconds(Math.max(watch.lastOwnerChange(), stopped) - stopped));
        recordMoves(prefix, before, watch.owners(), hashBefore, expected,
                watch.ownerChanges() - changesBefore, count + 1, metrics);
    }

    private void recordMoves(String prefix, Map<String, String> before,
            Map<String, String> after, Map<String, String> hashBefore,
            Map<String, String> hashAfter, int changes, int members,
            Map<String, Double> metrics) {
        int n = options.n();
        int moved = ShardMoves.moved(before, after);
        metrics.put(prefix + "moved", (double) moved);
        metrics.put(prefix + "moved_fraction", moved / (double) n);
        metrics.put(prefix + "hash_moved", (double) ShardMoves.moved(hashBefore, hashAfter));
        metrics.put(prefix + "ideal_fraction", 1.0 / members);
        metrics.put(prefix + "label_changes", (double) changes);
    }

    /**
     * The replica to stop: the last one started before the join that is not the sharder
     * (so that the figure is a member's leave, not a sharder's failover), else the joiner.
     */
    private String leaver(KubernetesClient client, List<String> members) {
        String sharder = sharder(client);
        for (int i = members.size() - 2; i >= 0; i--) {
            if (!members.get(i).equals(sharder)) {
                return members.get(i);
            }
        }
        return members.get(members.size() - 1);
    }

    /** The member holding the sharder's Lease now, or {@code null}. */
    private String sharder(KubernetesClient client) {
        Lease lease = client.leases().inNamespace(options.namespace())
                .withName(RING + "-sharder").get();
        return lease == null || lease.getSpec() == null ? null
                : lease.getSpec().getHolderIdentity();
    }

    private static Path logOf(Path log, int count, String member) {
        String base = log.getFileName().toString().replaceFirst("\\.log$", "");
        return log.resolveSibling(base + "-r" + count + "-" + member + ".log");
    }

    private OperatorProcess start(Framework framework, String member, Path log, int count)
            throws Exception {
        Path own = logOf(log, count, member);
        Files.deleteIfExists(own);
        List<String> command = new ArrayList<>(List.of("sh", options.launcher().toString(),
                "run", "-n", options.namespace(), "--shards", "auto", "--ring", RING,
                "--shard-lease-namespace", options.namespace()));
        command.addAll(options.kopfArgs());
        command.add(options.handlersJar().toString());
        Map<String, String> environment = framework.environment(options,
                target.kubeconfig().toAbsolutePath().toString());
        environment.put("POD_ID", member);
        return OperatorProcess.start(command, environment, own);
    }

    private void await(BooleanSupplier done, Collection<OperatorProcess> replicas,
            java.util.function.Supplier<String> progress) {
        long deadline = System.nanoTime() + Duration.ofSeconds(options.timeoutSeconds()).toNanos();
        while (!done.getAsBoolean()) {
            for (OperatorProcess replica : replicas) {
                if (!replica.isAlive()) {
                    throw new IllegalStateException("A replica exited; see its log. "
                            + progress.get() + ".");
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Within " + options.timeoutSeconds() + " s: "
                        + progress.get() + ".");
            }
            Workload.sleep(POLL_MILLIS);
        }
    }

    private static void stopAll(Collection<OperatorProcess> replicas) {
        CompletableFuture.allOf(replicas.stream()
                .map(replica -> CompletableFuture.runAsync(replica::close))
                .toArray(CompletableFuture[]::new)).join();
    }
}
