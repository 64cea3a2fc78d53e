package dev.kopf.internal.logging;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Receivers of formatted log records besides the configured stream: how KopfRunner
 * captures a run's output. A record with a stack trace arrives as one multi-line string.
 * Sinks are called in logging order, one record at a time, and must return quickly.
 *
 * <p>A sink receives what the stream receives; a sink added with a level also receives
 * the records from that level up that the stream's configuration filters out (client
 * libraries stay at their own level), so that tests see DEBUG lines while the console
 * shows INFO.
 */
public final class LogSinks {

    private record Entry(Consumer<String> sink, LogLevel level) {
    }

    private static final List<Entry> ENTRIES = new CopyOnWriteArrayList<>();

    private LogSinks() {
    }

    /**
     * Registers a sink for the records that the stream receives, logged from now on by any
     * thread.
     *
     * @param sink the receiver of formatted records, without trailing newlines
     */
    public static void add(Consumer<String> sink) {
        ENTRIES.add(new Entry(Objects.requireNonNull(sink, "sink"), null));
    }

    /**
     * Registers a sink for the records from the given level up, whatever the stream's level.
     *
     * @param sink the receiver of formatted records, without trailing newlines
     * @param level the lowest level it receives
     */
    public static void add(Consumer<String> sink, LogLevel level) {
        ENTRIES.add(new Entry(Objects.requireNonNull(sink, "sink"),
                Objects.requireNonNull(level, "level")));
        LogBackend.refresh();
    }

    /**
     * Unregisters a sink; nothing happens if it is not registered. A sink registered
     * several times is removed once.
     *
     * @param sink the sink given to {@link #add(Consumer)} or {@link #add(Consumer, LogLevel)}
     */
    public static void remove(Consumer<String> sink) {
        for (Entry entry : ENTRIES) {
            if (entry.sink() == sink) {
                ENTRIES.remove(entry);
                if (entry.level() != null) {
                    LogBackend.refresh();
                }
                return;
            }
        }
    }

    /** Returns the lowest level of the sinks added with a level, or {@code null}. */
    static LogLevel lowestLevel() {
        LogLevel lowest = null;
        for (Entry entry : ENTRIES) {
            if (entry.level() != null
                    && (lowest == null || !entry.level().isAtLeast(lowest))) {
                lowest = entry.level();
            }
        }
        return lowest;
    }

    /** Tells whether any sink wants a record that the stream does not get. */
    static boolean wantsBeyondStream(LogRecord record, LogConfig config) {
        for (Entry entry : ENTRIES) {
            if (entry.level() != null && admits(entry, record, config)) {
                return true;
            }
        }
        return false;
    }

    static void publish(String text, LogRecord record, LogConfig config, boolean streamed) {
        for (Entry entry : ENTRIES) {
            boolean wanted = entry.level() == null ? streamed
                    : streamed || admits(entry, record, config);
            if (!wanted) {
                continue;
            }
            try {
                entry.sink().accept(text);
            } catch (RuntimeException e) {
                // A broken test sink must not break the operator's logging.
            }
        }
    }

    private static boolean admits(Entry entry, LogRecord record, LogConfig config) {
        return record.level().isAtLeast(
                config.thresholdFor(record.loggerName(), entry.level()));
    }
}
