package dev.kopf.benchmarks.harness;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sharding scenario's figures, per run and replica count: a table per replica count for
 * people, and the figures as they are in the JSON line. They are not medians: the scenario
 * changes the replicas within a run, so each run is reported whole.
 */
final class ShardingReport {
    private static final Pattern COUNT = Pattern.compile("r(\\d+)\\..+");
    private static final Pattern REPLICA = Pattern.compile("r(\\d+)\\.(shard-\\d+)\\.(.+)");

    private ShardingReport() {
    }

    private static List<RunResult> runs(List<RunResult> results) {
        return results.stream().filter(r -> r.scenario() == Scenario.SHARDING
                && r.error() == null).toList();
    }

    /** The tables; empty when no sharding run succeeded. */
    static String table(List<RunResult> results) {
        StringBuilder out = new StringBuilder();
        for (RunResult run : runs(results)) {
            for (int count : counts(run)) {
                out.append(table(run, count, (int) run.metric("n")));
            }
        }
        return out.toString();
    }

    /** The replica counts a run measured, ascending. */
    static TreeSet<Integer> counts(RunResult run) {
        TreeSet<Integer> counts = new TreeSet<>();
        for (String key : run.metrics().keySet()) {
            Matcher matcher = COUNT.matcher(key);
            if (matcher.matches()) {
                counts.add(Integer.parseInt(matcher.group(1)));
            }
        }
        return counts;
    }

    /** Each replica's figures of one replica count, by member (in start order) and name. */
    static Map<String, Map<String, Double>> replicas(RunResult run, int count) {
        Map<String, Map<String, Double>> replicas = new TreeMap<>((a, b) -> Integer.compare(
                Integer.parseInt(a.substring(6)), Integer.parseInt(b.substring(6))));
        run.metrics().forEach((key, value) -> {
            Matcher matcher = REPLICA.matcher(key);
            if (matcher.matches() && Integer.parseInt(matcher.group(1)) == count) {
                replicas.computeIfAbsent(matcher.group(2), member -> new TreeMap<>())
                        .put(matcher.group(3), value);
            }
        });
        return replicas;
    }

    private static String table(RunResult run, int count, int n) {
        String p = "r" + count + ".";
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nsharding, round %d: %d replica(s), N = %d, load %s at start%n",
                run.round(), count, n, Report.format(run.metric(p + "load1"))));
        out.append("| replica    | handled | owns  | CPU s at all handled | CPU s in the drain "
                + "| peak RSS MiB | RSS MiB settled | live heap MiB |\n");
        out.append("|------------|--------:|------:|---------------------:|-------------------:"
                + "|-------------:|----------------:|--------------:|\n");
        replicas(run, count).forEach((member, figures) -> out.append(String.format(
                "| %-10s | %7.0f | %5.0f | %20s | %18s | %12s | %15s | %13s |%n",
                member + (figures.getOrDefault("sharder", 0.0) > 0 ? " *" : ""),
                figures.getOrDefault("handled", Double.NaN),
                figures.getOrDefault("owned", Double.NaN),
                Report.format(figures.getOrDefault("cpu_s", Double.NaN)),
                Report.format(figures.getOrDefault("cpu_drain_s", Double.NaN)),
                Report.format(figures.getOrDefault("peak_rss_mib", Double.NaN)),
                Report.format(figures.getOrDefault("rss_settled_mib", Double.NaN)),
                Report.format(figures.getOrDefault("heap_live_mib", Double.NaN)))));
        out.append("(* the sharder)\n");
        if (!Double.isNaN(run.metric(p + "create_s"))) {
            out.append(String.format("creating the N objects took %s s%n",
                    Report.format(run.metric(p + "create_s"))));
        }
        out.append(String.format("drain: %s s from the %s to all handled (first "
                + "handled at %s s; hash assignment complete at %s s; %.0f owner changes on "
                + "the way)%n", Report.format(run.metric(p + "drain_s")),
                run.metric("shard_backlog") > 0 ? "first start" : "first creation",
                Report.format(run.metric(p + "first_handled_s")),
                Report.format(run.metric(p + "assigned_s")),
                run.metric(p + "startup_moves")));
        out.append(change(run, p + "join.", "join of shard-" + (count + 1)
                + ": its share complete %s s after its start (first object at %s s), owns %.0f;"));
        out.append(change(run, p + "leave.", "leave (SIGTERM, exit in "
                + Report.format(run.metric(p + "leave.exit_s"))
                + " s): assignment complete %s s after the signal;"));
        return out.toString();
    }

    private static String change(RunResult run, String p, String head) {
        String text = String.format(head, Report.format(run.metric(p + "time_s")),
                Report.format(run.metric(p + "first_owned_s")),
                run.metric(p + "owned"));
        return String.format("%s moved %.0f = %.1f%% of N (ideal %.1f%%, the ring says %.0f), "
                + "%.0f owner changes seen, load %s%n", text, run.metric(p + "moved"),
                100 * run.metric(p + "moved_fraction"), 100 * run.metric(p + "ideal_fraction"),
                run.metric(p + "hash_moved"), run.metric(p + "label_changes"),
                Report.format(run.metric(p + "load1")));
    }

    /** Adds {@code "sharding": [{"round": 1, "metrics": {...}}, ...]} to the JSON line. */
    static void addTo(ObjectNode root, List<RunResult> results) {
        List<RunResult> runs = runs(results);
        if (runs.isEmpty()) {
            return;
        }
        ArrayNode array = root.putArray("sharding");
        for (RunResult run : runs) {
            ObjectNode node = array.addObject();
            node.put("round", run.round());
            ObjectNode metrics = node.putObject("metrics");
            run.metrics().forEach((key, value) -> {
                if (Double.isNaN(value)) {
                    metrics.putNull(key);
                } else {
                    metrics.put(key, Math.round(value * 10000) / 10000.0);
                }
            });
        }
    }
}
