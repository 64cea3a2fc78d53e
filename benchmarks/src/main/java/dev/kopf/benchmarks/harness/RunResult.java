package dev.kopf.benchmarks.harness;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one run measured: named figures (NaN where not measurable) and the operator's API
 * writes per object by kind ({@code PATCH /status}, {@code POST events}, ...).
 *
 * @param error why the run failed, or {@code null}
 */
record RunResult(Framework framework, Scenario scenario, int round, Map<String, Double> metrics,
        Map<String, Double> writesPerObject, String error) {

    RunResult {
        metrics = new TreeMap<>(metrics);
        writesPerObject = new TreeMap<>(writesPerObject);
    }

    double metric(String name) {
        return metrics.getOrDefault(name, Double.NaN);
    }
}
