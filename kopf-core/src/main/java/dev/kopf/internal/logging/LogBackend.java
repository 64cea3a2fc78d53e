package dev.kopf.internal.logging;

import java.io.PrintStream;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * The process-wide state of Kopf's logging backend: the configuration in force, and the
 * writing of records to the stream and the {@link LogSinks}. Configured by the CLI (once per
 * {@code kopf run}) and read by every {@link KopfLogger}.
 */
public final class LogBackend {

    private static final Object LOCK = new Object();
    private static final KopfLoggerFactory FACTORY = new KopfLoggerFactory();
    private static volatile LogConfig config = LogConfig.defaults();
    private static volatile LineFormatter formatter = new LineFormatter(config);

    private LogBackend() {
    }

    /**
     * Tells whether this backend is the one SLF4J uses, so that configuring it and
     * registering sinks has an effect.
     *
     * @return {@code true} when SLF4J's logger factory is Kopf's
     */
    public static boolean isActive() {
        return LoggerFactory.getILoggerFactory() instanceof KopfLoggerFactory;
    }

    /**
     * Returns the configuration in force.
     *
     * @return the config
     */
    public static LogConfig config() {
        return config;
    }

    /**
     * Puts a configuration in force for all loggers, existing and future.
     *
     * @param value the new configuration
     * @return the previous configuration, to restore later
     */
    public static LogConfig configure(LogConfig value) {
        Objects.requireNonNull(value, "config");
        synchronized (LOCK) {
            LogConfig previous = config;
            config = value;
            formatter = new LineFormatter(value);
            FACTORY.refresh();
            return previous;
        }
    }

    /**
     * Returns the lowest level that a logger of this name must pass on: the stream's, or a
     * level-sink's if lower.
     */
    static LogLevel thresholdFor(String loggerName) {
        LogConfig current = config;
        LogLevel threshold = current.thresholdFor(loggerName);
        LogLevel sinks = LogSinks.lowestLevel();
        if (sinks != null) {
            LogLevel captured = current.thresholdFor(loggerName, sinks);
            threshold = threshold.isAtLeast(captured) ? captured : threshold;
        }
        return threshold;
    }

    static void refresh() {
        synchronized (LOCK) {
            FACTORY.refresh();
        }
    }

    static KopfLoggerFactory factory() {
        return FACTORY;
    }

    static void emit(LogRecord record) {
        LogConfig current = config;
        boolean streamed = record.level().isAtLeast(current.thresholdFor(record.loggerName()));
        if (!streamed && !LogSinks.wantsBeyondStream(record, current)) {
            return;
        }
        String text = formatter.format(record);
        synchronized (LOCK) {
            if (streamed) {
                PrintStream stream = current.stream() != null ? current.stream() : System.err;
                stream.println(text);
                stream.flush();
            }
            LogSinks.publish(text, record, current, streamed);
        }
    }
}
