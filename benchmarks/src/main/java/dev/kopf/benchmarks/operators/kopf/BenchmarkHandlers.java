package dev.kopf.benchmarks.operators.kopf;

import dev.kopf.OnCreate;
import java.util.Map;

/**
 * The benchmark's Kopf operator: one creation handler whose result lands in
 * {@code status.createFn}. Packed alone into {@code kopf-benchmarks-handlers.jar} and run
 * with {@code kopf run -n default --standalone}.
 */
public class BenchmarkHandlers {

    @OnCreate("kopfexamples.kopf.dev")
    public Map<String, Object> createFn() {
        return Map.of("message", "hello world");
    }
}
