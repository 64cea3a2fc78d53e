package dev.kopf.testing.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutputCaptureTest {

    @Test
    void streamsAreSplitIntoLinesAndEchoed() {
        OutputCapture capture = new OutputCapture();
        ByteArrayOutputStream echo = new ByteArrayOutputStream();

        try (PrintStream stream = capture.stream(
                new PrintStream(echo, true, StandardCharsets.UTF_8))) {
            stream.print("first line\nsecond ");
            stream.println("line é");
            stream.print("unterminated");
        }

        assertThat(capture.text()).isEqualTo("first line\nsecond line é\nunterminated");
        assertThat(echo.toString(StandardCharsets.UTF_8))
                .isEqualTo("first line\nsecond line é" + System.lineSeparator()
                        + "unterminated");
    }

    @Test
    void sinkRecordsAreLines() {
        OutputCapture capture = new OutputCapture();

        capture.sink().accept("one");
        capture.sink().accept("two\n\tat trace");

        assertThat(capture.text()).isEqualTo("one\ntwo\n\tat trace");
    }

    @Test
    void awaitingFindsTextAlreadyThere() throws InterruptedException {
        OutputCapture capture = new OutputCapture();
        capture.append("Handler 'createFn' succeeded.");

        assertThat(capture.awaitText("succeeded", Duration.ZERO)).isTrue();
    }

    @Test
    void awaitingWakesUpOnNewText() throws InterruptedException {
        OutputCapture capture = new OutputCapture();
        Thread writer = new Thread(() -> capture.append("late line"));
        writer.start();

        assertThat(capture.awaitText("late line", Duration.ofDays(1))).isTrue();
        writer.join();
    }

    @Test
    void awaitingStopsWhenTheRunEnds() throws InterruptedException {
        OutputCapture capture = new OutputCapture();
        Thread ender = new Thread(capture::end);
        ender.start();

        assertThat(capture.awaitText("never", Duration.ofDays(1))).isFalse();
        ender.join();
    }
}
