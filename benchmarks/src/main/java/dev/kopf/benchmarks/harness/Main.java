package dev.kopf.benchmarks.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark harness: Kopf for Java, the Java Operator SDK and a raw fabric8 client on one
 * workload, each operator in a process of its own (docs/performance.md).
 *
 * <p>{@code java -jar benchmarks/target/kopf-benchmarks.jar [--n 2000] [--rounds 3]}: prints
 * progress on standard error, then the table and, as the last line, one JSON object on
 * standard output; the JSON also goes to {@code benchmark-results.json} in the output folder.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
            check(options);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Target target = options.kubeconfig() != null
                ? new KubeconfigTarget(options.kubeconfig(), options.namespace())
                : new EmbeddedTarget(List.of(options.java(), "-cp",
                        options.benchmarksJar().toString()), options.outDir());
        Files.createDirectories(options.outDir());
        Map<String, Object> machine = machine(options);
        System.err.println("Kopf for Java benchmark: n=" + options.n() + ", rounds="
                + options.rounds() + ", against the " + target.description() + "; machine "
                + machine + "; logs in " + options.outDir());
        List<RunResult> results;
        try {
            results = new Harness(options, target).runAll();
        } finally {
            target.close();
        }
        Report report = new Report(results, options.frameworks());
        String json = report.jsonLine(options, machine, target.description());
        Files.writeString(options.outDir().resolve("benchmark-results.json"), json + "\n");
        System.out.println();
        System.out.print(report.table());
        System.out.println();
        System.out.println(json);
    }

    private static void check(Options options) {
        for (Path path : List.of(options.benchmarksJar(), options.handlersJar(),
                options.launcher())) {
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("Not found: " + path + ". Build first: "
                        + "mvn -q -B -pl benchmarks -am package -DskipTests");
            }
        }
        if (options.kubeconfig() != null && !Files.exists(options.kubeconfig())) {
            throw new IllegalArgumentException("Kubeconfig not found: " + options.kubeconfig()
                    + ".");
        }
    }

    private static Map<String, Object> machine(Options options) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memory_gib", Math.round(memoryKib() / 1024.0 / 1024.0 * 10) / 10.0);
        machine.put("cpu", cpuModel());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("operator_jdk", jdkVersion(options.javaHome()));
        machine.put("kopf_java_opts", String.join(" ", options.kopfJavaOpts()));
        machine.put("kopf_args", String.join(" ", options.kopfArgs()));
        machine.put("java_opts", String.join(" ", options.javaOpts()));
        return machine;
    }

    private static long memoryKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // Not Linux: leave it out.
        }
        return 0;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // Not Linux: leave it out.
        }
        return "unknown";
    }

    private static String jdkVersion(String javaHome) {
        try {
            for (String line : Files.readAllLines(Path.of(javaHome, "release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return line.substring("JAVA_VERSION=".length()).replace("\"", "");
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // No release file: fall through.
        }
        return System.getProperty("java.version");
    }
}
