package dev.kopf.examples.filtering;

import dev.kopf.Daemon;
import dev.kopf.DaemonStopped;
import dev.kopf.Kopf;
import dev.kopf.Meta;
import dev.kopf.OnCreate;
import dev.kopf.OnUpdate;
import dev.kopf.Spec;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Handlers that run only for some objects or changes: by labels and annotations (a value,
 * present, absent, or a callback), by a {@code when} callback, and by a field's value or its
 * change. Only the handlers whose filters match log their message.
 */
public class FilteredHandlers {

    // Kopf's value callbacks for labels and annotations become `when` methods that look at
    // the label or annotation themselves.

    public boolean sayYes(Meta meta, Spec spec) {
        return "somevalue".equals(meta.labels().get("somelabel")) && spec.get("field") != null;
    }

    public boolean sayNo(Meta meta, Spec spec) {
        return "somevalue".equals(meta.annotations().get("someannotation"))
                && "not-this-value-for-sure".equals(spec.get("field"));
    }

    public boolean isTrue() {
        return true;
    }

    public boolean isFalse() {
        return false;
    }

    @OnCreate(value = "kopfexamples", labels = "somelabel=somevalue")
    public void createWithLabelsMatching(Logger logger) {
        logger.info("Label is matching.");
    }

    @OnCreate(value = "kopfexamples", labels = "somelabel")
    public void createWithLabelsPresent(Logger logger) {
        logger.info("Label is present.");
    }

    @OnCreate(value = "kopfexamples", labels = "!nonexistent")
    public void createWithLabelsAbsent(Logger logger) {
        logger.info("Label is absent.");
    }

    @OnCreate(value = "kopfexamples", labels = "somelabel", when = "sayYes")
    public void createWithLabelsCallbackMatching(Logger logger) {
        logger.info("Label callback matching.");
    }

    @OnCreate(value = "kopfexamples", annotations = "someannotation=somevalue")
    public void createWithAnnotationsMatching(Logger logger) {
        logger.info("Annotation is matching.");
    }

    @OnCreate(value = "kopfexamples", annotations = "someannotation")
    public void createWithAnnotationsPresent(Logger logger) {
        logger.info("Annotation is present.");
    }

    @OnCreate(value = "kopfexamples", annotations = "!nonexistent")
    public void createWithAnnotationsAbsent(Logger logger) {
        logger.info("Annotation is absent.");
    }

    @OnCreate(value = "kopfexamples", annotations = "someannotation", when = "sayNo")
    public void createWithAnnotationsCallbackMatching(Logger logger) {
        logger.info("Annotation callback mismatch.");
    }

    @OnCreate(value = "kopfexamples", when = "isTrue")
    public void createWithFilterSatisfied(Logger logger) {
        logger.info("Filter satisfied.");
    }

    @OnCreate(value = "kopfexamples", when = "isFalse")
    public void createWithFilterNotSatisfied(Logger logger) {
        logger.info("Filter not satisfied.");
    }

    @OnCreate(value = "kopfexamples", field = "spec.field", fieldValue = "value")
    public void createWithFieldValueSatisfied(Logger logger) {
        logger.info("Field value is satisfied.");
    }

    @OnCreate(value = "kopfexamples", field = "spec.field", fieldValue = "something-else")
    public void createWithFieldValueNotSatisfied(Logger logger) {
        logger.info("Field value is not satisfied.");
    }

    @OnCreate(value = "kopfexamples", field = "spec.field", fieldValue = Kopf.PRESENT)
    public void createWithFieldPresenceSatisfied(Logger logger) {
        logger.info("Field presence is satisfied.");
    }

    @OnCreate(value = "kopfexamples", field = "spec.inexistent", fieldValue = Kopf.PRESENT)
    public void createWithFieldPresenceNotSatisfied(Logger logger) {
        logger.info("Field presence is not satisfied.");
    }

    @OnUpdate(value = "kopfexamples", field = "spec.field", oldValue = "value",
            newValue = "changed")
    public void updateWithFieldChangeSatisfied(Logger logger) {
        logger.info("Field change is satisfied.");
    }

    @Daemon(value = "kopfexamples", field = "spec.field", fieldValue = "value")
    public void daemonWithField(DaemonStopped stopped, Logger logger) {
        while (!stopped.isSet()) {
            logger.info("Field daemon is satisfied.");
            stopped.await(Duration.ofSeconds(1));
        }
    }
}
