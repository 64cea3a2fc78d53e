package dev.kopf.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One framework's operator in a JVM of its own, and its {@code /proc} figures: sampled every
 * 50 ms so that its CPU time at any moment of the run can be interpolated.
 */
final class OperatorProcess implements AutoCloseable {
    private static final long SAMPLE_MILLIS = 50;

    private final Process process;
    private final long startMicros;
    private final List<long[]> cpuSamples = new ArrayList<>(); // {micros, ticks}; guarded by this
    private final Thread sampler;
    private volatile int maxThreads;

    private OperatorProcess(Process process, long startMicros) {
        this.process = process;
        this.startMicros = startMicros;
        synchronized (this) {
            cpuSamples.add(new long[] {startMicros, 0});
        }
        this.sampler = new Thread(this::sample, "benchmark-proc-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    static OperatorProcess start(List<String> command, Map<String, String> environment,
            Path log) throws IOException {
        long startMicros = Clocks.nowMicros();
        return new OperatorProcess(ChildProcesses.start(command, environment, log), startMicros);
    }

    long startMicros() {
        return startMicros;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The operator's process id. */
    long pid() {
        return process.pid();
    }

    /** The figures now; {@code null} if the process has exited. */
    ProcStats stats() {
        ProcStats stats = ProcStats.read(process.pid());
        if (stats != null) {
            synchronized (this) {
                cpuSamples.add(new long[] {Clocks.nowMicros(), stats.cpuTicks()});
            }
            maxThreads = Math.max(maxThreads, stats.threads());
        }
        return stats;
    }

    int maxThreads() {
        return maxThreads;
    }

    /** CPU seconds used by the moment {@code micros}, interpolated between samples. */
    synchronized double cpuSecondsAt(long micros) {
        long[] before = cpuSamples.get(0);
        for (long[] sample : cpuSamples) {
            if (sample[0] <= micros) {
                before = sample;
            } else {
                double span = sample[0] - before[0];
                double part = span <= 0 ? 0 : (micros - before[0]) / span;
                return (before[1] + part * (sample[1] - before[1])) / ProcStats.TICKS_PER_SECOND;
            }
        }
        return (double) before[1] / ProcStats.TICKS_PER_SECOND;
    }

    private void sample() {
        while (process.isAlive()) {
            stats();
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        sampler.interrupt();
        ChildProcesses.stop(process, 10);
    }
}
