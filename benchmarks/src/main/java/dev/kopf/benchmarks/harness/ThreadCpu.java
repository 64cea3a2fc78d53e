package dev.kopf.benchmarks.harness;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CPU seconds of a process's threads, summed by thread group: the thread's name
 * ({@code /proc/PID/task/TID/comm}) without its trailing number, so that Kopf's
 * {@code kopf-worker-1} … {@code kopf-worker-16} count as {@code kopf-worker}. Threads that
 * have already ended are not counted.
 */
final class ThreadCpu {

    /** Kopf's handler workers: where the per-object cycles run. */
    static final String KOPF_WORKERS = "kopf-worker";

    private ThreadCpu() {
    }

    static Map<String, Double> read(long pid) {
        Map<String, Double> groups = new TreeMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                try {
                    String name = Files.readString(thread.resolve("comm")).trim();
                    ProcStats stats = ProcStats.parse(Files.readString(thread.resolve("stat")),
                            "");
                    groups.merge(group(name), stats.cpuSeconds(), Double::sum);
                } catch (IOException | RuntimeException e) {
                    // The thread ended meanwhile.
                }
            }
        } catch (IOException e) {
            // The process ended.
        }
        return groups;
    }

    /** A thread's group: its name without a trailing number and separator. */
    static String group(String name) {
        String group = name.replaceAll("[-#_ ]?[0-9]+$", "");
        return group.isEmpty() ? name : group;
    }
}
