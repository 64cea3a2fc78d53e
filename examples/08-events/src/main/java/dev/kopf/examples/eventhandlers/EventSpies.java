package dev.kopf.examples.eventhandlers;

import dev.kopf.OnEvent;
import dev.kopf.RawEvent;
import org.slf4j.Logger;

/** Low-level spies on every watch event: errors are logged and ignored, nothing is stored. */
public class EventSpies {

    @OnEvent("kopfexamples")
    public void eventFnWithError() {
        throw new IllegalStateException("Oops!");
    }

    @OnEvent("kopfexamples")
    public void normalEventFn(RawEvent event, Logger logger) {
        logger.info("Event received: {}", event);
    }
}
