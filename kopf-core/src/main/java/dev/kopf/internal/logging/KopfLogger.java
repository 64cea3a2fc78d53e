package dev.kopf.internal.logging;

import java.time.Instant;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * An SLF4J logger of Kopf's backend: checks its threshold, formats the message, reads the
 * object reference from MDC and hands the record to {@link LogBackend}.
 */
final class KopfLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    private transient volatile LogLevel threshold;

    KopfLogger(String name, LogLevel threshold) {
        this.name = name;
        this.threshold = threshold;
    }

    void threshold(LogLevel value) {
        threshold = value;
    }

    @Override
    public boolean isTraceEnabled() {
        return LogLevel.TRACE.isAtLeast(threshold);
    }

    @Override
    public boolean isDebugEnabled() {
        return LogLevel.DEBUG.isAtLeast(threshold);
    }

    @Override
    public boolean isInfoEnabled() {
        return LogLevel.INFO.isAtLeast(threshold);
    }

    @Override
    public boolean isWarnEnabled() {
        return LogLevel.WARNING.isAtLeast(threshold);
    }

    @Override
    public boolean isErrorEnabled() {
        return LogLevel.ERROR.isAtLeast(threshold);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern,
            Object[] arguments, Throwable thrown) {
        String message = arguments == null || arguments.length == 0
                ? pattern
                : MessageFormatter.basicArrayFormat(pattern, arguments);
        LogLevel kopfLevel = isCritical(level, marker) ? LogLevel.CRITICAL : LogLevel.of(level);
        LogBackend.emit(new LogRecord(Instant.now(), name, kopfLevel, message,
                ObjectRef.fromMdc(), thrown));
    }

    private static boolean isCritical(Level level, Marker marker) {
        return level == Level.ERROR && marker != null
                && (marker.contains("CRITICAL") || marker.contains("FATAL"));
    }
}
