package dev.kopf.examples.timers;

import dev.kopf.Spec;
import dev.kopf.Timer;
import org.slf4j.Logger;

/** Timers that tick only once the object has been left alone for a while. */
public class TimerExamples {

    @Timer(value = "kopfexamples", idle = 5, interval = 2)
    public void everyFewSecondsSync(Spec spec, Logger logger) {
        logger.info("Ping from a sync timer: field={}", quoted(spec.get("field")));
    }

    @Timer(value = "kopfexamples", idle = 10, interval = 4)
    public void everyFewSecondsAsync(Spec spec, Logger logger) {
        logger.info("Ping from an async timer: field={}", quoted(spec.get("field")));
    }

    private static String quoted(Object value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
