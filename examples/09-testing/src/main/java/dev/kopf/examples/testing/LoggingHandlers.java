package dev.kopf.examples.testing;

import dev.kopf.OnCreate;
import org.slf4j.Logger;

/** An operator worth testing: see the test next to it. */
public class LoggingHandlers {

    @OnCreate("kopfexamples")
    public void createFn(Logger logger) {
        logger.info("Something was logged here.");
    }
}
