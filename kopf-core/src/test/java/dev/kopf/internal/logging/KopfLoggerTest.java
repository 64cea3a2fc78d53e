package dev.kopf.internal.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The backend without SLF4J's discovery: loggers come from the backend's own factory. */
class KopfLoggerTest {

    private final ByteArrayOutputStream stream = new ByteArrayOutputStream();
    private final List<String> sunk = new CopyOnWriteArrayList<>();
    private final Consumer<String> sink = sunk::add;
    private LogConfig previous;

    @BeforeEach
    void configure() {
        previous = LogBackend.configure(LogConfig.defaults().withFormat(LogFormat.PLAIN)
                .withStream(new PrintStream(stream, true, StandardCharsets.UTF_8)));
        LogSinks.add(sink);
    }

    @AfterEach
    void restore() {
        LogSinks.remove(sink);
        LogBackend.configure(previous);
    }

    private String written() {
        return stream.toString(StandardCharsets.UTF_8);
    }

    @Test
    void linesGoToTheStreamAndTheSinks() {
        Logger logger = LogBackend.factory().getLogger("kopf.test.lines");

        logger.info("Handler '{}' succeeded.", "createFn");

        assertThat(written()).isEqualTo("Handler 'createFn' succeeded." + System.lineSeparator());
        assertThat(sunk).containsExactly("Handler 'createFn' succeeded.");
    }

    @Test
    void disabledLevelsAreNotFormatted() {
        Logger logger = LogBackend.factory().getLogger("kopf.test.disabled");
        Object exploding = new Object() {
            @Override
            public String toString() {
                throw new AssertionError("formatted a disabled message");
            }
        };

        logger.debug("Never {}.", exploding);

        assertThat(logger.isDebugEnabled()).isFalse();
        assertThat(written()).isEmpty();
        assertThat(sunk).isEmpty();
    }

    @Test
    void reconfiguringChangesExistingLoggers() {
        Logger logger = LogBackend.factory().getLogger("kopf.test.reconfigured");
        assertThat(logger.isDebugEnabled()).isFalse();

        LogBackend.configure(LogBackend.config().withLevel(LogLevel.DEBUG));

        assertThat(logger.isDebugEnabled()).isTrue();
        logger.debug("Now visible.");
        assertThat(sunk).containsExactly("Now visible.");
    }

    @Test
    void aTrailingThrowableBecomesTheStackTrace() {
        Logger logger = LogBackend.factory().getLogger("kopf.test.thrown");

        logger.error("Failed: {}.", "x", new IllegalStateException("boom"));

        assertThat(sunk).hasSize(1);
        assertThat(sunk.get(0)).startsWith("Failed: x.\njava.lang.IllegalStateException: boom\n");
    }

    @Test
    void aBrokenSinkDoesNotBreakLogging() {
        Consumer<String> broken = line -> {
            throw new IllegalStateException("broken sink");
        };
        LogSinks.add(broken);
        try {
            LogBackend.factory().getLogger("kopf.test.broken").warn("Still logged.");
        } finally {
            LogSinks.remove(broken);
        }

        assertThat(sunk).containsExactly("Still logged.");
    }

    @Test
    void aLevelSinkCapturesDebugWhileTheStreamStaysAtInfo() {
        List<String> debug = new CopyOnWriteArrayList<>();
        Consumer<String> debugSink = debug::add;
        Logger logger = LogBackend.factory().getLogger("kopf.test.levelsink");
        Logger library = LogBackend.factory().getLogger("io.fabric8.test.levelsink");

        LogSinks.add(debugSink, LogLevel.DEBUG);
        try {
            logger.debug("Captured only.");
            library.debug("Not even captured.");
            logger.info("Everywhere.");
        } finally {
            LogSinks.remove(debugSink);
        }
        logger.debug("After removal.");

        assertThat(debug).containsExactly("Captured only.", "Everywhere.");
        assertThat(sunk).containsExactly("Everywhere.");
        assertThat(written()).isEqualTo("Everywhere." + System.lineSeparator());
        assertThat(logger.isDebugEnabled()).isFalse();
    }
}
