package dev.kopf.internal.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Renders a {@link LogRecord} as Kopf renders it: one line (plus a stack trace, if any)
 * without the trailing newline. Separate from the backend so that formats are unit-tested
 * without touching global logging state.
 */
public final class LineFormatter {

    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    private static final DateTimeFormatter ISO_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");
    private static final DateTimeFormatter ISO_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private final LogConfig config;
    private final ZoneId zone;

    /**
     * Creates a formatter printing {@code full} timestamps in the system time zone, as
     * Python's {@code asctime} does.
     *
     * @param config the format and its options
     */
    public LineFormatter(LogConfig config) {
        this(config, ZoneId.systemDefault());
    }

    LineFormatter(LogConfig config, ZoneId zone) {
        this.config = config;
        this.zone = zone;
    }

    /**
     * Formats a record.
     *
     * @param record the record
     * @return the text, without a trailing newline
     */
    public String format(LogRecord record) {
        return switch (config.format()) {
            case PLAIN -> withTrace(prefixed(record), record.thrown());
            case FULL -> withTrace(full(record), record.thrown());
            case JSON -> json(record);
        };
    }

    private String prefixed(LogRecord record) {
        if (record.object() != null && config.isPrefixed()) {
            return record.object().prefix() + record.message();
        }
        return record.message();
    }

    // [%(asctime)s] %(name)-20.20s [%(levelname)-8.8s] %(message)s
    private String full(LogRecord record) {
        StringBuilder line = new StringBuilder(96 + record.message().length());
        line.append('[').append(ASCTIME.format(record.time().atZone(zone))).append("] ");
        padded(line, record.loggerName(), 20);
        line.append(" [");
        padded(line, record.level().displayName(), 8);
        line.append("] ").append(prefixed(record));
        return line.toString();
    }

    private static void padded(StringBuilder line, String text, int width) {
        if (text.length() >= width) {
            line.append(text, 0, width);
        } else {
            line.append(text);
            line.append(" ".repeat(width - text.length()));
        }
    }

    // python-json-logger as Kopf configures it: message, exc_info, timestamp, the reference
    // and severity, in this order, with json.dumps' separators and ASCII escapes.
    private String json(LogRecord record) {
        StringBuilder line = new StringBuilder(128 + record.message().length());
        line.append("{\"message\": ");
        jsonString(line, prefixed(record));
        if (record.thrown() != null) {
            line.append(", \"exc_info\": ");
            jsonString(line, stackTrace(record.thrown()));
        }
        line.append(", \"timestamp\": ");
        jsonString(line, pythonIsoFormat(record.time().atZone(ZoneOffset.UTC)));
        ObjectRef ref = record.object();
        if (ref != null) {
            line.append(", ");
            jsonString(line, config.refkey());
            line.append(": {\"apiVersion\": ");
            jsonString(line, ref.apiVersion());
            line.append(", \"kind\": ");
            jsonString(line, ref.kind());
            line.append(", \"name\": ");
            jsonString(line, ref.name());
            line.append(", \"uid\": ");
            jsonString(line, ref.uid());
            line.append(", \"namespace\": ");
            jsonString(line, ref.namespace());
            line.append('}');
        }
        line.append(", \"severity\": ");
        jsonString(line, record.level().jsonSeverity());
        return line.append('}').toString();
    }

    // Python's datetime.isoformat(): microseconds, omitted entirely when zero.
    private static String pythonIsoFormat(ZonedDateTime time) {
        return (time.getNano() / 1000 == 0 ? ISO_SECONDS : ISO_MICROS).format(time);
    }

    // json.dumps(ensure_ascii=True): everything outside printable ASCII is escaped.
    static void jsonString(StringBuilder out, String text) {
        if (text == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static String withTrace(String line, Throwable thrown) {
        return thrown == null ? line : line + "\n" + stackTrace(thrown);
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter text = new StringWriter();
        thrown.printStackTrace(new PrintWriter(text, true));
        String trace = text.toString();
        int end = trace.length();
        while (end > 0 && (trace.charAt(end - 1) == '\n' || trace.charAt(end - 1) == '\r')) {
            end--;
        }
        return trace.substring(0, end).replace(System.lineSeparator(), "\n");
    }
}
