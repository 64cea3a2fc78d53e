package dev.kopf.benchmarks.operators.daemons;

import dev.kopf.Daemon;
import dev.kopf.DaemonStopped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemons scenario's Kopf operator: one daemon per object that waits on its stop-flag, as
 * Kopf's examples do. Packed alone into {@code kopf-benchmarks-*-daemons.jar}.
 *
 * <p>How many daemons run is not visible through the API, so one extra thread writes the
 * count to the file named by {@code KOPF_BENCHMARK_DAEMONS_FILE} every 50 ms, for the harness.
 */
public class DaemonHandlers {

    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static final AtomicBoolean REPORTING = new AtomicBoolean();

    @Daemon("kopfexamples.kopf.dev")
    public void monitor(DaemonStopped stopped) {
        RUNNING.incrementAndGet();
        report();
        try {
            while (!stopped.await(Duration.ofSeconds(60))) {
                // A real daemon would check something here.
            }
        } finally {
            RUNNING.decrementAndGet();
        }
    }

    private static void report() {
        String file = System.getenv("KOPF_BENCHMARK_DAEMONS_FILE");
        if (file == null || !REPORTING.compareAndSet(false, true)) {
            return;
        }
        Path target = Path.of(file);
        Path next = Path.of(file + ".next");
        Thread reporter = new Thread(() -> {
            try {
                while (true) {
                    Files.writeString(next, Integer.toString(RUNNING.get()));
                    Files.move(next, target, StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                    Thread.sleep(50);
                }
            } catch (IOException | InterruptedException e) {
                // The harness sees the count stop; the operator goes on.
            }
        }, "benchmark-daemon-count");
        reporter.setDaemon(true);
        reporter.start();
    }
}
