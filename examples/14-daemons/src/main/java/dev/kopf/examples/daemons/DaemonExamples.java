package dev.kopf.examples.daemons;

import dev.kopf.Daemon;
import dev.kopf.DaemonStopped;
import dev.kopf.Patch;
import dev.kopf.Retry;
import dev.kopf.Spec;
import dev.kopf.TemporaryException;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/** Daemons: one that checks its stop flag, one that is interrupted when it must stop. */
public class DaemonExamples {

    // A daemon that waits on its stop flag: it exits as soon as it is asked to.
    // It exits after 3 attempts and then 30 seconds of running (unless stopped).
    @Daemon(value = "kopfexamples", backoff = 3)
    public void backgroundSync(Spec spec, DaemonStopped stopped, Logger logger, Retry retry,
            Patch patch) {
        if (retry.attempt() < 3) {
            patch.status().put("message", "Failed " + (retry.attempt() + 1) + " times.");
            throw new TemporaryException("Simulated failure.", Duration.ofSeconds(1));
        }

        Instant until = Instant.now().plusSeconds(30);
        while (!stopped.isSet() && !Instant.now().isAfter(until)) {
            logger.info("=> Ping from a sync daemon: field={}, retry={}", quoted(spec.get("field")),
                    retry.attempt());
            stopped.await(Duration.ofSeconds(5));
        }

        patch.status().put("message", "Accompanying is finished.");
    }

    // A daemon that never looks at its stop flag: it runs until its thread is interrupted,
    // as Kopf's async daemon runs until it is cancelled. It fails to start 3 times first.
    @Daemon(value = "kopfexamples", backoff = 3, cancellationBackoff = 1.0,
            cancellationTimeout = 0.5, annotations = "someannotation=somevalue")
    public void backgroundAsync(Spec spec, Logger logger, Retry retry)
            throws InterruptedException {
        if (retry.attempt() < 3) {
            throw new TemporaryException("Simulated failure.", Duration.ofSeconds(1));
        }

        while (true) {
            logger.info("=> Ping from an async daemon: field={}", quoted(spec.get("field")));
            Thread.sleep(5_000);
        }
    }

    private static String quoted(Object value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
