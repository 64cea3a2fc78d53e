package dev.kopf.cli.handlers;

import dev.kopf.Meta;
import dev.kopf.OnCreate;
import dev.kopf.OnStartup;
import dev.kopf.OperatorSettings;
import dev.kopf.Retry;
import dev.kopf.TemporaryException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The fault suite's operator for process chaos (SIGKILL storm, shutdown under load): three
 * create handlers, the second failing temporarily on its first attempt, each run recorded
 * to the file in {@code KOPF_CHAOS_RECORDS} as {@code start NAME HANDLER} and
 * {@code end NAME HANDLER ok|retry}. Every line is written straight to the file (no
 * buffer), so a SIGKILL loses at most the line being written. With {@code KOPF_CHAOS_HOLD}
 * naming a handler ({@link #HELD}), that handler's runs never end by themselves: they wait
 * until the operator's exit cuts them off (the load of a shutdown under load).
 * {@code KOPF_CHAOS_EXIT_TIMEOUT_MS} sets {@code queueing.exitTimeout}.
 */
public class ChaosHandlers {
    private static final FileOutputStream RECORDS = open(System.getenv("KOPF_CHAOS_RECORDS"));
    /**
     * The handler a shutdown under load holds: the one that fails once, held on its retry,
     * so that the first cycle stores the others' successes before anything is held.
     */
    public static final String HELD = "second";
    private static final String HOLD = System.getenv("KOPF_CHAOS_HOLD");
    /** Never opened: a held run waits on it until the process ends. */
    private static final CountDownLatch NEVER = new CountDownLatch(1);

    @OnStartup
    public void configure(OperatorSettings.Builder settings) {
        settings.execution(e -> e.withDefaultBackoff(Duration.ofMillis(200)));
        String exitTimeout = System.getenv("KOPF_CHAOS_EXIT_TIMEOUT_MS");
        if (exitTimeout != null) {
            settings.queueing(q -> q.withExitTimeout(
                    Duration.ofMillis(Long.parseLong(exitTimeout))));
        }
    }

    @OnCreate(value = "kopfexamples.v1.kopf.dev", id = "first")
    public Map<String, Object> first(Meta meta) throws InterruptedException {
        return run(meta.name(), "first", false);
    }

    @OnCreate(value = "kopfexamples.v1.kopf.dev", id = "second")
    public Map<String, Object> second(Meta meta, Retry retry) throws InterruptedException {
        return run(meta.name(), "second", retry.attempt() == 0);
    }

    @OnCreate(value = "kopfexamples.v1.kopf.dev", id = "third")
    public Map<String, Object> third(Meta meta) throws InterruptedException {
        return run(meta.name(), "third", false);
    }

    private static Map<String, Object> run(String name, String handler, boolean failOnce)
            throws InterruptedException {
        record("start " + name + " " + handler);
        if (handler.equals(HOLD) && !failOnce) {
            NEVER.await();
        }
        if (failOnce) {
            record("end " + name + " " + handler + " retry");
            throw new TemporaryException("Not ready yet.", Duration.ofMillis(100));
        }
        record("end " + name + " " + handler + " ok");
        return Map.of("done", true);
    }

    private static synchronized void record(String line) {
        try {
            RECORDS.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileOutputStream open(String file) {
        if (file == null) {
            throw new IllegalStateException("KOPF_CHAOS_RECORDS must name the records file.");
        }
        try {
            return new FileOutputStream(file, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
