package dev.kopf.internal.logging;

import org.slf4j.event.Level;

/**
 * Severity levels as Kopf (Python's {@code logging}) names them, with the JSON severities of
 * Kopf's {@code json} format. SLF4J has no CRITICAL: an ERROR logged with the marker
 * {@code CRITICAL} (or {@code FATAL}) becomes one.
 */
public enum LogLevel {
    TRACE(5, "TRACE", "debug"),
    DEBUG(10, "DEBUG", "debug"),
    INFO(20, "INFO", "info"),
    WARNING(30, "WARNING", "warn"),
    ERROR(40, "ERROR", "error"),
    CRITICAL(50, "CRITICAL", "fatal");

    private final int severity;
    private final String displayName;
    private final String jsonSeverity;

    LogLevel(int severity, String displayName, String jsonSeverity) {
        this.severity = severity;
        this.displayName = displayName;
        this.jsonSeverity = jsonSeverity;
    }

    /**
     * Returns Python's numeric level (DEBUG is 10, CRITICAL is 50).
     *
     * @return the number
     */
    public int severity() {
        return severity;
    }

    /**
     * Returns the name printed by the {@code full} format.
     *
     * @return the name, e.g. {@code WARNING}
     */
    public String displayName() {
        return displayName;
    }

    /**
     * Returns the {@code severity} value of the {@code json} format.
     *
     * @return e.g. {@code warn}
     */
    public String jsonSeverity() {
        return jsonSeverity;
    }

    /**
     * Tells whether a message at this level passes the given threshold.
     *
     * @param threshold the lowest level that is logged
     * @return {@code true} when logged
     */
    public boolean isAtLeast(LogLevel threshold) {
        return severity >= threshold.severity;
    }

    /**
     * Maps an SLF4J level.
     *
     * @param level the SLF4J level
     * @return the Kopf level
     */
    public static LogLevel of(Level level) {
        return switch (level) {
            case TRACE -> TRACE;
            case DEBUG -> DEBUG;
            case INFO -> INFO;
            case WARN -> WARNING;
            case ERROR -> ERROR;
        };
    }

    /**
     * Returns the more severe of two levels.
     *
     * @param a one level
     * @param b another level
     * @return the higher one
     */
    public static LogLevel max(LogLevel a, LogLevel b) {
        return a.severity >= b.severity ? a : b;
    }
}
