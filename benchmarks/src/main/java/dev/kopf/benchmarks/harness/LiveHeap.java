package dev.kopf.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What an operator's heap holds once garbage is gone: {@code jcmd PID GC.class_histogram}
 * runs a full collection and lists the live objects by class. Its total, at two backlog
 * sizes, gives what each watched object costs, which the resident size (the heap the JVM
 * has touched, garbage included) does not tell apart. Run after every other figure of a
 * run is taken, since it costs the operator a full GC.
 */
final class LiveHeap {

    private LiveHeap() {
    }

    /**
     * Takes the histogram into a file and returns the live bytes, or -1 if it failed.
     *
     * @param javaHome the operator's JDK, whose {@code jcmd} attaches to it
     * @param pid the operator's process id
     * @param histogram where the histogram goes
     */
    static long take(String javaHome, long pid, Path histogram) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(javaHome, "bin", "jcmd").toString(),
                    Long.toString(pid), "GC.class_histogram").redirectErrorStream(true)
                    .redirectOutput(histogram.toFile()).start();
            if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
                return -1;
            }
            return total(Files.readAllLines(histogram));
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The bytes of the histogram's {@code Total} line: {@code Total  INSTANCES  BYTES}. */
    static long total(List<String> lines) {
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 3 && fields[0].equals("Total")) {
                return Long.parseLong(fields[2]);
            }
        }
        return -1;
    }
}
