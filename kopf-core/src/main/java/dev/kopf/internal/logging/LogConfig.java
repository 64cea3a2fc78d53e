package dev.kopf.internal.logging;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;

/**
 * How Kopf's logging backend writes: level, format and stream. Immutable; apply it with
 * {@link LogBackend#configure(LogConfig)}. Built by the CLI from {@code -v/-d/-q} and
 * {@code --log-format}, and by KopfRunner.
 *
 * @param level the lowest level logged (Kopf: DEBUG with {@code -v} or {@code -d}, WARNING
 *     with {@code -q}, else INFO)
 * @param libraryLevel the lowest level logged by the client libraries in
 *     {@link #LIBRARY_LOGGERS}, never below {@code level} (WARNING unless {@code -d})
 * @param format the line format
 * @param stream where lines are written, or {@code null} for the {@code System.err} of the
 *     moment (as Kopf, which logs to stderr)
 * @param prefix whether messages get the {@code [namespace/name] } prefix, or {@code null}
 *     for the format's default (yes, except for {@code json}), as Kopf's
 *     {@code --log-prefix/--no-log-prefix}
 * @param refkey the JSON key of the object reference (Kopf's {@code --log-refkey})
 */
public record LogConfig(LogLevel level, LogLevel libraryLevel, LogFormat format,
        PrintStream stream, Boolean prefix, String refkey) {

    /** Logger-name prefixes of the client libraries, quiet unless debugging. */
    public static final List<String> LIBRARY_LOGGERS =
            List.of("io.fabric8", "io.vertx", "io.netty", "okhttp3");

    /** The JSON key of the object reference unless configured: {@code object}. */
    public static final String DEFAULT_REFKEY = "object";

    /** Checks the required fields. */
    public LogConfig {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(libraryLevel, "libraryLevel");
        Objects.requireNonNull(format, "format");
        refkey = refkey == null || refkey.isEmpty() ? DEFAULT_REFKEY : refkey;
    }

    /**
     * Returns what is in force before anybody configures: INFO, client libraries at
     * WARNING, the {@code full} format, to {@code System.err}.
     *
     * @return the defaults
     */
    public static LogConfig defaults() {
        return new LogConfig(LogLevel.INFO, LogLevel.WARNING, LogFormat.FULL, null, null,
                DEFAULT_REFKEY);
    }

    /**
     * Returns a copy with another level.
     *
     * @param value the level
     * @return a new config
     */
    public LogConfig withLevel(LogLevel value) {
        return new LogConfig(value, libraryLevel, format, stream, prefix, refkey);
    }

    /**
     * Returns a copy with another level for the client libraries.
     *
     * @param value the level
     * @return a new config
     */
    public LogConfig withLibraryLevel(LogLevel value) {
        return new LogConfig(level, value, format, stream, prefix, refkey);
    }

    /**
     * Returns a copy with another format.
     *
     * @param value the format
     * @return a new config
     */
    public LogConfig withFormat(LogFormat value) {
        return new LogConfig(level, libraryLevel, value, stream, prefix, refkey);
    }

    /**
     * Returns a copy writing to another stream.
     *
     * @param value the stream, or {@code null} for the current {@code System.err}
     * @return a new config
     */
    public LogConfig withStream(PrintStream value) {
        return new LogConfig(level, libraryLevel, format, value, prefix, refkey);
    }

    /**
     * Returns a copy with the object prefix forced on or off.
     *
     * @param value {@code true} or {@code false}, or {@code null} for the format's default
     * @return a new config
     */
    public LogConfig withPrefix(Boolean value) {
        return new LogConfig(level, libraryLevel, format, stream, value, refkey);
    }

    /**
     * Returns a copy with another JSON key for the object reference.
     *
     * @param value the key
     * @return a new config
     */
    public LogConfig withRefkey(String value) {
        return new LogConfig(level, libraryLevel, format, stream, prefix, value);
    }

    /**
     * Returns the lowest level logged by a logger of the given name.
     *
     * @param loggerName the logger's name
     * @return the threshold
     */
    public LogLevel thresholdFor(String loggerName) {
        return thresholdFor(loggerName, level);
    }

    /**
     * Returns the lowest level logged by a logger of the given name if the configured
     * level were {@code baseLevel} (client libraries still at least at theirs).
     *
     * @param loggerName the logger's name
     * @param baseLevel the level instead of {@link #level()}
     * @return the threshold
     */
    public LogLevel thresholdFor(String loggerName, LogLevel baseLevel) {
        for (String library : LIBRARY_LOGGERS) {
            if (loggerName.equals(library) || loggerName.startsWith(library + ".")) {
                return LogLevel.max(baseLevel, libraryLevel);
            }
        }
        return baseLevel;
    }

    /**
     * Tells whether messages get the object prefix.
     *
     * @return the explicit choice, or the format's default
     */
    public boolean isPrefixed() {
        return prefix != null ? prefix : format != LogFormat.JSON;
    }
}
