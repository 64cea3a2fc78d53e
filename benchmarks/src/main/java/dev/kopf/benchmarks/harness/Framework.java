package dev.kopf.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The operators compared, each started in a JVM of its own. */
enum Framework {
    /** Kopf for Java through its launcher: {@code kopf-cli/kopf run -n NS --standalone JAR}. */
    KOPF("kopf"),
    /** The Java Operator SDK 5.2.3 with its default JVM flags. */
    JOSDK("josdk"),
    /** The raw-client floor: fabric8, an informer, 16 workers, one patch per object. */
    RAW("raw");

    final String id;

    Framework(String id) {
        this.id = id;
    }

    static Framework of(String id) {
        for (Framework framework : values()) {
            if (framework.id.equals(id.trim().toLowerCase(Locale.ROOT))) {
                return framework;
            }
        }
        throw new IllegalArgumentException("Unknown framework: " + id + ". Known: kopf, josdk, raw.");
    }

    List<String> command(Options options) {
        return command(options, options.handlersJar());
    }

    /** The command, with Kopf running the handlers of the given jar. */
    List<String> command(Options options, java.nio.file.Path handlers) {
        List<String> command = new ArrayList<>();
        switch (this) {
            case KOPF -> {
                command.addAll(List.of("sh", options.launcher().toString(), "run",
                        "-n", options.namespace(), "--standalone"));
                command.addAll(options.kopfArgs());
                command.add(handlers.toString());
            }
            case JOSDK, RAW -> {
                command.add(options.java());
                command.addAll(options.javaOpts());
                command.addAll(List.of("-cp", options.benchmarksJar().toString(),
                        this == JOSDK ? "dev.kopf.benchmarks.operators.josdk.JosdkOperator"
                                : "dev.kopf.benchmarks.operators.raw.RawClientOperator",
                        options.namespace()));
            }
            default -> throw new AssertionError(this);
        }
        return command;
    }

    Map<String, String> environment(Options options, String kubeconfig) {
        Map<String, String> environment = new java.util.HashMap<>();
        environment.put("KUBECONFIG", kubeconfig);
        if (this == KOPF) {
            environment.put("JAVA_HOME", options.javaHome());
            environment.put("KOPF_JAVA_OPTS", String.join(" ", options.kopfJavaOpts()));
        }
        return environment;
    }
}
