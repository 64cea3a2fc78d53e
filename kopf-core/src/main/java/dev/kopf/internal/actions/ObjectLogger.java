package dev.kopf.internal.actions;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * The per-object logger given to handlers and used for the framework's own per-object
 * messages: logger {@code kopf.objects}, with MDC keys that backends render as Kopf's
 * {@code [namespace/name]} prefix. Optionally bridges lines to Kubernetes Events.
 */
public final class ObjectLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    /** Where lines at or above the posting level go as Events. */
    @FunctionalInterface
    public interface EventSink {
        /**
         * Posts an Event about the object.
         *
         * @param type {@code Normal}, {@code Warning}, {@code Error}, …
         * @param reason the reason
         * @param message the message
         */
        void post(String type, String reason, String message);
    }

    private static final Logger DELEGATE = LoggerFactory.getLogger("kopf.objects");

    private final transient Map<String, String> context;
    private final transient EventSink sink;
    private final Level postingLevel;
    private final boolean terse;

    /**
     * Creates a logger for one object.
     *
     * @param context MDC values: {@code kopf.namespace}, {@code kopf.name}, {@code kopf.uid},
     *     {@code kopf.kind}, {@code kopf.apiVersion}
     * @param sink the Event bridge, or {@code null} when off
     * @param postingLevel the lowest level bridged to Events
     */
    public ObjectLogger(Map<String, String> context, EventSink sink, Level postingLevel) {
        this(context, sink, postingLevel, false);
    }

    private ObjectLogger(Map<String, String> context, EventSink sink, Level postingLevel,
            boolean terse) {
        this.name = "kopf.objects";
        this.context = Map.copyOf(context);
        this.sink = sink;
        this.postingLevel = postingLevel;
        this.terse = terse;
    }

    /**
     * Returns a terser logger for the same object, as Kopf's {@code TerseObjectLogger} for
     * index handlers, which run on every change of every object: its INFO lines are logged
     * at DEBUG, its DEBUG lines at TRACE, and nothing is posted as an Event.
     *
     * @return a new logger
     */
    public ObjectLogger terse() {
        return new ObjectLogger(context, null, postingLevel, true);
    }

    @Override
    public boolean isTraceEnabled() {
        return DELEGATE.isTraceEnabled();
    }

    @Override
    public boolean isDebugEnabled() {
        return DELEGATE.isDebugEnabled() || posts(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return DELEGATE.isInfoEnabled() || posts(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return DELEGATE.isWarnEnabled() || posts(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return DELEGATE.isErrorEnabled() || posts(Level.ERROR);
    }

    private boolean posts(Level level) {
        return sink != null && level.toInt() >= postingLevel.toInt();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return ObjectLogger.class.getName();
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern,
            Object[] arguments, Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        if (terse && (level == Level.INFO || level == Level.DEBUG)) {
            level = level == Level.INFO ? Level.DEBUG : Level.TRACE;
        }
        if (DELEGATE.isEnabledForLevel(level)) {
            Map<String, String> previous = MDC.getCopyOfContextMap();
            context.forEach(MDC::put);
            try {
                DELEGATE.atLevel(level).setCause(throwable).log(message);
            } finally {
                if (previous == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(previous);
                }
            }
        }
        if (posts(level)) {
            sink.post(eventType(level), "Logging", message);
        }
    }

    private static String eventType(Level level) {
        return switch (level) {
            case ERROR -> "Error";
            case WARN -> "Warning";
            case INFO -> "Normal";
            default -> "Debug";
        };
    }
}
