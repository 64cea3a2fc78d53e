package dev.kopf.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code /proc} says about a process: CPU time (user + system, all threads), peak and
 * current resident memory, and the number of threads.
 *
 * @param cpuTicks {@code utime + stime} in clock ticks
 * @param peakRssKib {@code VmHWM}, the peak resident set size
 * @param rssKib {@code VmRSS}
 * @param threads {@code Threads}
 */
record ProcStats(long cpuTicks, long peakRssKib, long rssKib, int threads) {

    /** Clock ticks per second ({@code getconf CLK_TCK}); 100 on every usual Linux. */
    static final long TICKS_PER_SECOND = ticksPerSecond();

    /** Reads the process's current figures; {@code null} once it has exited. */
    static ProcStats read(long pid) {
        try {
            Path dir = Path.of("/proc", Long.toString(pid));
            return parse(Files.readString(dir.resolve("stat")),
                    Files.readString(dir.resolve("status")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The machine's 1-minute load average ({@code /proc/loadavg}), NaN if unknown: above the
     * number of cores, something else competed with the run.
     */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    double cpuSeconds() {
        return (double) cpuTicks / TICKS_PER_SECOND;
    }

    /** Parses {@code /proc/PID/stat} and {@code /proc/PID/status}. */
    static ProcStats parse(String stat, String status) {
        // The command name (field 2) is in parentheses and may contain spaces: skip past it.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
        long cpu = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return new ProcStats(cpu, statusValue(status, "VmHWM:"), statusValue(status, "VmRSS:"),
                (int) statusValue(status, "Threads:"));
    }

    private static long statusValue(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }

    private static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            getconf.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
