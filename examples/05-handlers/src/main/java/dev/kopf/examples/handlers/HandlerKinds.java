package dev.kopf.examples.handlers;

import dev.kopf.Diff;
import dev.kopf.New;
import dev.kopf.OnCreate;
import dev.kopf.OnDelete;
import dev.kopf.OnField;
import dev.kopf.OnResume;
import dev.kopf.OnUpdate;
import dev.kopf.Old;
import org.slf4j.Logger;

/** One handler of each kind, and two of some, for the same resource. */
public class HandlerKinds {

    @OnResume("kopfexamples")
    public void resumeFn1(Logger logger) {
        logger.info("RESUMED 1st");
    }

    @OnCreate("kopfexamples")
    public void createFn1(Logger logger) {
        logger.info("CREATED 1st");
    }

    @OnResume("kopfexamples")
    public void resumeFn2(Logger logger) {
        logger.info("RESUMED 2nd");
    }

    @OnCreate("kopfexamples")
    public void createFn2(Logger logger) {
        logger.info("CREATED 2nd");
    }

    @OnUpdate("kopfexamples")
    public void updateFn(@Old Object old, @New Object neu, Diff diff, Logger logger) {
        logger.info("UPDATED");
    }

    @OnDelete("kopfexamples")
    public void deleteFn1(Logger logger) {
        logger.info("DELETED 1st");
    }

    @OnDelete("kopfexamples")
    public void deleteFn2(Logger logger) {
        logger.info("DELETED 2nd");
    }

    @OnField(value = "kopfexamples", field = "spec.field")
    public void fieldFn(@Old Object old, @New Object neu, Logger logger) {
        logger.info("FIELD CHANGED: {} -> {}", old, neu);
    }
}
