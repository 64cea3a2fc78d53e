package dev.kopf.testing.internal.cli;

import dev.kopf.internal.logging.LogBackend;
import dev.kopf.internal.logging.LogLevel;
import dev.kopf.internal.logging.LogSinks;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * What a KopfRunner run printed and logged, as lines, filled from log sinks and from the
 * {@code out}/{@code err} streams handed to the CLI. Readable at any time without blocking;
 * {@link #awaitText(String, Duration)} waits for a text to appear.
 */
public final class OutputCapture {

    private static final org.slf4j.Logger LOGGER = LoggerFactory.getLogger(
            "dev.kopf.testing.KopfRunner");

    private boolean logsAttached;

    private final Object lock = new Object();
    private final StringBuilder text = new StringBuilder();
    private boolean ended;
    private final Consumer<String> sink = this::append;

    /**
     * Captures the log lines of the process at DEBUG, while the console keeps its level;
     * warns once instead when SLF4J uses another backend, whose lines cannot be captured.
     */
    public synchronized void attachLogs() {
        if (!LogBackend.isActive()) {
            LOGGER.warn("KopfRunner cannot capture log lines: SLF4J uses another backend ({}). "
                    + "Remove it from the test classpath to see logs in output().",
                    LoggerFactory.getILoggerFactory().getClass().getName());
            return;
        }
        LogSinks.add(sink(), LogLevel.DEBUG);
        logsAttached = true;
    }

    /** Stops capturing the log lines, if {@link #attachLogs()} did. */
    public synchronized void detachLogs() {
        if (logsAttached) {
            LogSinks.remove(sink());
            logsAttached = false;
        }
    }

    /**
     * Returns a log sink that appends each record as a line.
     *
     * @return the sink, the same instance on every call (to remove it later)
     */
    public Consumer<String> sink() {
        return sink;
    }

    /**
     * Returns a stream whose lines are captured and also written to {@code echo}.
     *
     * @param echo where the bytes are copied as they come, e.g. {@code System.err}, or
     *     {@code null} for no copy
     * @return a UTF-8 print stream; a last unterminated line is captured when it is closed
     */
    public PrintStream stream(PrintStream echo) {
        return new PrintStream(new LineSplitter(echo), true, StandardCharsets.UTF_8);
    }

    /**
     * Appends one line, or several separated by newlines.
     *
     * @param line the text, without a trailing newline
     */
    public void append(String line) {
        synchronized (lock) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(line);
            lock.notifyAll();
        }
    }

    /**
     * Returns everything captured so far, lines joined with {@code "\n"}.
     *
     * @return the text
     */
    public String text() {
        synchronized (lock) {
            return text.toString();
        }
    }

    /**
     * Marks the run as ended: waiting for more text stops. Lines may still be appended.
     */
    public void end() {
        synchronized (lock) {
            ended = true;
            lock.notifyAll();
        }
    }

    /**
     * Waits until the captured text contains {@code expected}.
     *
     * @param expected the text to wait for
     * @param timeout how long to wait at most
     * @return {@code true} once found; {@code false} on timeout, or when the run
     *     {@linkplain #end() ended} without it
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitText(String expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (text.indexOf(expected) < 0 && !ended) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, Duration.ofNanos(left).toMillis()));
            }
            return text.indexOf(expected) >= 0;
        }
    }

    /** Splits bytes into lines, decoding each line as UTF-8 once it is complete. */
    private final class LineSplitter extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final PrintStream echo;

        LineSplitter(PrintStream echo) {
            this.echo = echo;
        }

        @Override
        public synchronized void write(int b) {
            if (echo != null) {
                echo.write(b);
            }
            split(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            if (echo != null) {
                echo.write(bytes, offset, length);
            }
            for (int i = offset; i < offset + length; i++) {
                split(bytes[i]);
            }
        }

        private void split(int b) {
            if (b == '\n') {
                emit();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void flush() {
            if (echo != null) {
                echo.flush();
            }
        }

        @Override
        public synchronized void close() {
            if (line.size() > 0) {
                emit();
            }
            flush();
        }

        private void emit() {
            String decoded = line.toString(StandardCharsets.UTF_8);
            line.reset();
            append(decoded.endsWith("\r") ? decoded.substring(0, decoded.length() - 1)
                    : decoded);
        }
    }
}
