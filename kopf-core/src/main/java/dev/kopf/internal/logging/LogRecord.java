package dev.kopf.internal.logging;

import java.time.Instant;
import java.util.Objects;

/**
 * One log event, with the message already formatted from its pattern and arguments.
 *
 * @param time when it was logged
 * @param loggerName the logger's name, e.g. {@code kopf.objects}
 * @param level the level
 * @param message the message, without the object prefix
 * @param object the Kubernetes object it is about, or {@code null}
 * @param thrown the exception to print after the line, or {@code null}
 */
public record LogRecord(Instant time, String loggerName, LogLevel level, String message,
        ObjectRef object, Throwable thrown) {

    /** Checks the required fields. */
    public LogRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(loggerName, "loggerName");
        Objects.requireNonNull(level, "level");
        message = message == null ? "null" : message;
    }
}
