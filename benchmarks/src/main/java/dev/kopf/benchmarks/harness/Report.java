package dev.kopf.benchmarks.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Medians over the rounds and the ratios between frameworks: a table for people and one JSON
 * line for machines.
 */
final class Report {

    /** One row of the table: a metric of one scenario, or of several (their runs pooled). */
    record Row(String label, String key, List<Scenario> scenarios, String metric) {
    }

    static final List<Row> ROWS = List.of(
            new Row("backlog: objects/s (first LIST to all handled)", "backlog.objects_per_s",
                    List.of(Scenario.BACKLOG), "objects_per_s"),
            new Row("backlog: s from process start to all handled", "backlog.time_s",
                    List.of(Scenario.BACKLOG), "time_s"),
            new Row("backlog: CPU s per 1k objects (whole process)", "backlog.cpu_s_per_1k",
                    List.of(Scenario.BACKLOG), "cpu_s_per_1k"),
            new Row("backlog: CPU s per 1k objects (drain only)", "backlog.cpu_drain_s_per_1k",
                    List.of(Scenario.BACKLOG), "cpu_drain_s_per_1k"),
            new Row("backlog: CPU s per 1k objects (Kopf's workers)",
                    "backlog.cpu_workers_s_per_1k", List.of(Scenario.BACKLOG),
                    "cpu_workers_s_per_1k"),
            new Row("backlog: peak RSS MiB", "backlog.peak_rss_mib",
                    List.of(Scenario.BACKLOG), "peak_rss_mib"),
            new Row("backlog: threads (max)", "backlog.threads",
                    List.of(Scenario.BACKLOG), "threads"),
            new Row("backlog: API writes per object", "backlog.writes_per_object",
                    List.of(Scenario.BACKLOG), "writes_per_object"),
            new Row("stream: objects/s (first create to all handled)", "stream.objects_per_s",
                    List.of(Scenario.STREAM), "objects_per_s"),
            new Row("stream: CPU s per 1k objects", "stream.cpu_s_per_1k",
                    List.of(Scenario.STREAM), "cpu_s_per_1k"),
            new Row("stream: API writes per object", "stream.writes_per_object",
                    List.of(Scenario.STREAM), "writes_per_object"),
            new Row("start-up: s from process start to first LIST", "startup_s",
                    List.of(Scenario.BACKLOG), "startup_s"),
            new Row("start-up: s from process start to first handled", "first_handled_s",
                    List.of(Scenario.BACKLOG), "first_handled_s"),
            new Row("latency: p50 ms (1 object / interval)", "latency.p50_ms",
                    List.of(Scenario.LATENCY), "p50_ms"),
            new Row("latency: p99 ms", "latency.p99_ms", List.of(Scenario.LATENCY), "p99_ms"),
            new Row("latency: API writes per object", "latency.writes_per_object",
                    List.of(Scenario.LATENCY), "writes_per_object"),
            new Row("backlog: RSS MiB once drained (settled)", "backlog.rss_settled_mib",
                    List.of(Scenario.BACKLOG), "rss_settled_mib"),
            new Row("backlog: live heap MiB after a full GC", "backlog.heap_live_mib",
                    List.of(Scenario.BACKLOG), "heap_live_mib"),
            new Row("backlog: RSS MiB after that GC", "backlog.rss_after_gc_mib",
                    List.of(Scenario.BACKLOG), "rss_after_gc_mib"),
            new Row("busy-latency: p50 ms (while N others drain)", "busy-latency.p50_ms",
                    List.of(Scenario.BUSY_LATENCY), "p50_ms"),
            new Row("busy-latency: p99 ms", "busy-latency.p99_ms",
                    List.of(Scenario.BUSY_LATENCY), "p99_ms"),
            new Row("daemons: s from process start to all running", "daemons.time_s",
                    List.of(Scenario.DAEMONS), "time_s"),
            new Row("daemons: s from first LIST to all running", "daemons.after_list_s",
                    List.of(Scenario.DAEMONS), "after_list_s"),
            new Row("daemons: threads (max)", "daemons.threads",
                    List.of(Scenario.DAEMONS), "threads"),
            new Row("daemons: peak RSS MiB", "daemons.peak_rss_mib",
                    List.of(Scenario.DAEMONS), "peak_rss_mib"),
            new Row("daemons: RSS MiB settled (5 s after all running)",
                    "daemons.rss_settled_mib", List.of(Scenario.DAEMONS), "rss_settled_mib"),
            new Row("machine: 1-min load average at run start", "load1",
                    List.of(Scenario.values()), "load1"));

    private static final String[][] RATIOS = {
        {"kopf", "josdk"}, {"kopf", "raw"}, {"josdk", "raw"}};

    private final List<RunResult> results;
    private final Map<String, Map<String, Double>> medians = new LinkedHashMap<>();
    private final Map<String, Map<String, Map<String, Double>>> writes = new LinkedHashMap<>();
    private final List<String> frameworks = new ArrayList<>();

    Report(List<RunResult> results, List<Framework> order) {
        this.results = List.copyOf(results);
        for (Framework framework : order) {
            frameworks.add(framework.id);
            Map<String, Double> values = new LinkedHashMap<>();
            for (Row row : ROWS) {
                values.put(row.key(), median(framework, row.scenarios(), row.metric()));
            }
            medians.put(framework.id, values);
            Map<String, Map<String, Double>> byScenario = new LinkedHashMap<>();
            for (Scenario scenario : Scenario.values()) {
                Set<String> kinds = new TreeSet<>();
                runs(framework, List.of(scenario)).forEach(r -> kinds.addAll(
                        r.writesPerObject().keySet()));
                Map<String, Double> perKind = new LinkedHashMap<>();
                for (String kind : kinds) {
                    List<Double> values1 = new ArrayList<>();
                    runs(framework, List.of(scenario)).forEach(r -> values1.add(
                            r.writesPerObject().getOrDefault(kind, 0.0)));
                    perKind.put(kind, Stats.median(values1));
                }
                if (!perKind.isEmpty()) {
                    byScenario.put(scenario.id(), perKind);
                }
            }
            writes.put(framework.id, byScenario);
        }
    }

    private List<RunResult> runs(Framework framework, List<Scenario> scenarios) {
        return results.stream().filter(r -> r.framework() == framework
                && scenarios.contains(r.scenario()) && r.error() == null).toList();
    }

    private double median(Framework framework, List<Scenario> scenarios, String metric) {
        List<Double> values = new ArrayList<>();
        runs(framework, scenarios).forEach(r -> values.add(r.metric(metric)));
        return Stats.median(values);
    }

    double value(String framework, String key) {
        Map<String, Double> values = medians.get(framework);
        return values == null ? Double.NaN : values.getOrDefault(key, Double.NaN);
    }

    String table() {
        StringBuilder out = new StringBuilder();
        List<String> columns = new ArrayList<>(frameworks);
        List<String[]> ratios = presentRatios();
        ratios.forEach(pair -> columns.add(pair[0] + "/" + pair[1]));
        out.append(String.format("| %-50s |", "median over rounds"));
        columns.forEach(column -> out.append(String.format(" %10s |", column)));
        out.append('\n').append("|").append("-".repeat(52)).append("|");
        columns.forEach(column -> out.append("-".repeat(11)).append(":|"));
        out.append('\n');
        for (Row row : ROWS) {
            out.append(String.format("| %-50s |", row.label()));
            for (String framework : frameworks) {
                out.append(String.format(" %10s |", format(value(framework, row.key()))));
            }
            for (String[] pair : ratios) {
                out.append(String.format(" %10s |", format(
                        Stats.ratio(value(pair[0], row.key()), value(pair[1], row.key())))));
            }
            out.append('\n');
        }
        out.append('\n').append("API writes per object by kind (median):\n");
        writes.forEach((framework, byScenario) -> byScenario.forEach((scenario, kinds) ->
                out.append(String.format("  %-6s %-8s %s%n", framework, scenario,
                        formatKinds(kinds)))));
        long failed = results.stream().filter(r -> r.error() != null).count();
        if (failed > 0) {
            out.append('\n').append(failed).append(" run(s) failed and are left out:\n");
            results.stream().filter(r -> r.error() != null).forEach(r -> out.append(
                    String.format("  round %d %s %s: %s%n", r.round(), r.scenario().id(),
                            r.framework().id, r.error())));
        }
        out.append(ShardingReport.table(results));
        return out.toString();
    }

    private List<String[]> presentRatios() {
        List<String[]> present = new ArrayList<>();
        for (String[] pair : RATIOS) {
            if (frameworks.contains(pair[0]) && frameworks.contains(pair[1])) {
                present.add(pair);
            }
        }
        return present;
    }

    private static String formatKinds(Map<String, Double> kinds) {
        StringBuilder text = new StringBuilder();
        kinds.forEach((kind, value) -> text.append(kind).append(' ')
                .append(format(value)).append("; "));
        return text.toString();
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 100) {
            return String.format("%.0f", value);
        }
        if (magnitude >= 10) {
            return String.format("%.1f", value);
        }
        return String.format("%.3f", value);
    }

    String jsonLine(Options options, Map<String, Object> machine, String target) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("benchmark", "kopf-for-java");
        root.put("n", options.n());
        root.put("rounds", options.rounds());
        root.put("latency_count", options.latencyCount());
        root.put("latency_interval_ms", options.latencyIntervalMillis());
        root.put("writers", options.writers());
        root.put("target", target);
        root.set("machine", json.valueToTree(machine));
        ObjectNode mediansNode = root.putObject("medians");
        medians.forEach((framework, values) -> {
            ObjectNode node = mediansNode.putObject(framework);
            values.forEach((key, value) -> put(node, key, value));
        });
        root.set("writes_per_object", json.valueToTree(writes));
        ObjectNode ratiosNode = root.putObject("ratios");
        for (String[] pair : presentRatios()) {
            ObjectNode node = ratiosNode.putObject(pair[0] + "/" + pair[1]);
            for (Row row : ROWS) {
                put(node, row.key(), Stats.ratio(value(pair[0], row.key()),
                        value(pair[1], row.key())));
            }
        }
        ShardingReport.addTo(root, results);
        root.put("failed_runs", results.stream().filter(r -> r.error() != null).count());
        return root.toString();
    }

    private static void put(ObjectNode node, String key, double value) {
        if (Double.isNaN(value)) {
            node.putNull(key);
        } else {
            node.put(key, Math.round(value * 10000) / 10000.0);
        }
    }
}
