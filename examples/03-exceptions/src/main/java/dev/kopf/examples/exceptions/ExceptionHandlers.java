package dev.kopf.examples.exceptions;

import dev.kopf.ErrorsMode;
import dev.kopf.OnCreate;
import dev.kopf.PermanentException;
import dev.kopf.Retry;
import dev.kopf.TemporaryException;
import java.time.Duration;

/**
 * How errors end a handler: permanently at once, temporarily with a retry, by the retry
 * limit, or by the errors mode.
 */
public class ExceptionHandlers {

    /** Any exception that is not one of Kopf's. */
    public static class MyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MyException(String message) {
            super(message);
        }
    }

    @OnCreate("kopfexamples")
    public void instantFailureWithOnlyAMessage() {
        throw new PermanentException("Fail once and for all.");
    }

    @OnCreate("kopfexamples")
    public void eventualSuccessWithAFewMessages(Retry retry) {
        if (retry.attempt() < 3) {  // 0, 1, 2, 3
            throw new TemporaryException("Expected recoverable error.", Duration.ofSeconds(1));
        }
    }

    @OnCreate(value = "kopfexamples", retries = 3, backoff = 1.0)
    public void eventualFailureWithTracebacks() {
        throw new MyException("An error that is supposed to be recoverable.");
    }

    @OnCreate(value = "kopfexamples", errors = ErrorsMode.PERMANENT, backoff = 1.0)
    public void instantFailureWithTraceback() {
        throw new MyException("An error that is supposed to be recoverable.");
    }
}
