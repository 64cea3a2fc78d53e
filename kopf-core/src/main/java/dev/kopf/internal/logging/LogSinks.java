package dev.kopf.internal.logging;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Receivers of every formatted log record, besides the configured stream: how KopfRunner
 * captures a run's output. A record with a stack trace arrives as one multi-line string.
 * Sinks are called in logging order, one record at a time, and must return quickly.
 */
public final class LogSinks {

    private static final List<Consumer<String>> SINKS = new CopyOnWriteArrayList<>();

    private LogSinks() {
    }

    /**
     * Registers a sink; it receives records logged from now on, by any thread.
     *
     * @param sink the receiver of formatted records, without trailing newlines
     */
    public static void add(Consumer<String> sink) {
        SINKS.add(Objects.requireNonNull(sink, "sink"));
    }

    /**
     * Unregisters a sink; nothing happens if it is not registered.
     *
     * @param sink the sink given to {@link #add(Consumer)}
     */
    public static void remove(Consumer<String> sink) {
        SINKS.remove(sink);
    }

    static void publish(String text) {
        for (Consumer<String> sink : SINKS) {
            try {
                sink.accept(text);
            } catch (RuntimeException e) {
                // A broken test sink must not break the operator's logging.
            }
        }
    }
}
