package dev.kopf.cli.handlers;

import dev.kopf.Meta;
import dev.kopf.OnCreate;
import dev.kopf.Retry;
import dev.kopf.TemporaryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Three creation handlers, the second failing temporarily on its first attempt, each
 * appending one line per call to {@code $KOPF_TEST_RECORDS}: object, handler, replica
 * ({@code $POD_ID}), start and end (microseconds of the machine's clock, shared by the
 * replicas' processes) and the outcome, for the sharding tests across processes.
 */
public class ShardedHandlers {

    private static String call(String handler, Meta meta, boolean fail) {
        Instant start = Instant.now();
        String outcome = fail ? "failed" : "succeeded";
        Instant end = Instant.now();
        String line = meta.name() + " " + handler + " " + System.getenv("POD_ID") + " "
                + micros(start) + " " + micros(end) + " " + outcome + "\n";
        // One small write in append mode: the processes' lines never interleave.
        try (FileChannel file = FileChannel.open(Path.of(System.getenv("KOPF_TEST_RECORDS")),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            file.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (fail) {
            throw new TemporaryException("Not yet.", Duration.ofSeconds(1));
        }
        return handler;
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    @OnCreate(value = "kopfexamples.v1.kopf.dev", id = "first")
    public String first(Meta meta) {
        return call("first", meta, false);
    }

    @OnCreate(value = "kopfexamples.v1.kopf.dev", id = "second")
    public String second(Meta meta, Retry retry) {
        return call("second", meta, retry.attempt() == 0);
    }

    @OnCreate(value = "kopfexamples.v1.kopf.dev", id = "third")
    public String third(Meta meta) {
        return call("third", meta, false);
    }
}
